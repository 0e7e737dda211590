// What list loads recorded from $since (inclusive; the day survgraph loaded it, record time)
// to $until (exclusive, or null) for each member ($members) or for an entity up its ownership
// and control paths ($walked_types, any edge that ever held, at most $max_depth hops: a
// parent's listing reaches its subsidiaries through the scope rules), each with the shortest
// path that makes it relevant, the list entry as it stands, and the load run's snapshot.
UNWIND $members AS member_id
MATCH (m:Entity {id: member_id})
OPTIONAL MATCH p = ANY SHORTEST (m) ((a)-[r:$any($walked_types)]->(b)){1,12} (o:Entity)
WHERE length(p) <= $max_depth
WITH m, collect(CASE WHEN o IS NULL THEN null ELSE {node: o, path: [x IN relationships(p) | {
       type: type(x), start: startNode(x).id, end: endNode(x).id,
       source_ids: coalesce(x.source_ids, []), share: x.share_text}]} END) AS up
UNWIND [{node: m, path: []}] + up AS reached
WITH m, reached.node AS n, reached.path AS path
MATCH (c:Change {entity_id: n.id})
WHERE c.at >= $since AND ($until IS NULL OR c.at < $until)
OPTIONAL MATCH (e:ListEntry {id: c.entry_id})
OPTIONAL MATCH (run:LoadRun {id: c.run_id})
RETURN m {.id, .name} AS member, n {.id, .name} AS entity, path, c {.*} AS change,
       e {.name, .until, .end_reason, .federal_register_notice, .row_hash, .previous_row_hash,
          .start_date} AS entry,
       run.source_id AS source_id
ORDER BY c.at, member.id, c.list_id, c.id
