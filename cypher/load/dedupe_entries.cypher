// Every list entry in force with the entity it resolved to, how (t.decision: new, match,
// accepted), what the entry says (its properties, as the list pipeline stored them), the
// snapshots its LISTED_ON cites and the source that wrote it, in a stable order (row, then
// id), for `survgraph dedupe`.
MATCH (e:ListEntry)-[t:RESOLVED_TO]->(x:Entity)
WHERE e.ended_by_run IS NULL
MATCH (e)-[:ON_LIST]->(l:List)
OPTIONAL MATCH (x)-[r:LISTED_ON {entry_id: e.id}]->(l)
RETURN e.id AS id, l.id AS list_id, x.id AS entity_id, t.decision AS decision,
       properties(e) AS props, coalesce(r.source_ids, []) AS source_ids, r.origin AS origin
ORDER BY coalesce(e.rows[0], 0), e.id
