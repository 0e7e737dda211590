// Every designation list with its publisher, legal basis, how many entities the graph
// records on it (all, and in force on $as_of) and the Source nodes it cites.
MATCH (l:List)
OPTIONAL MATCH (l)-[a:ADMINISTERED_BY]->(g:Entity)
WITH l, collect(g {.id, .name, labels: labels(g)}) AS administered_by,
     reduce(acc = [], r IN collect(a) | acc + coalesce(r.source_ids, [])) AS admin_sids
CALL (l) {
  OPTIONAL MATCH (:Entity)-[r:LISTED_ON]->(l)
  RETURN count(r) AS recorded,
         count(CASE WHEN coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
                    THEN 1 END) AS in_force
}
WITH l, administered_by, recorded, in_force, coalesce(l.source_ids, []) + admin_sids AS sids
ORDER BY l.jurisdiction, l.name, l.id
WITH collect({list: l {.*, labels: labels(l)}, administered_by: administered_by,
              recorded: recorded, in_force: in_force}) AS items,
     reduce(acc = [], s IN collect(sids) | acc + s) AS sids
WITH size(items) AS total, items[$offset..($offset + $limit)] AS page, sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN total, page AS results, sources
