// Designations an entity may reach through its owners: every ownership (or branch) path from
// the entity up to an owner that is LISTED_ON a list on day $as_of, with the shares along the
// path, the owner's designation, and the scope rules of that list. Whether a rule covers the
// entity is decided afterwards (graph/coverage.py); nothing here is a listing of the entity.
// Parameters: $id, $as_of ('YYYY-MM-DD'), $lists (list ids, or null for all), $max_depth.
MATCH (x:Entity {id: $id})
MATCH path = (x)-[:SUBSIDIARY_OF|BRANCH_OF*1..6]->(owner:Entity)
WHERE length(path) <= $max_depth
  AND all(r IN relationships(path)
          WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until > $as_of))
MATCH (owner)-[l:LISTED_ON]->(list:List)
WHERE (l.since IS NULL OR l.since <= $as_of) AND (l.until IS NULL OR l.until > $as_of)
  AND ($lists IS NULL OR list.id IN $lists)
WITH x, path, owner, list, collect(l {.*}) AS designations
OPTIONAL MATCH (rule:Rule)-[:SCOPE_OF]->(list)
RETURN owner.id AS owner_id, owner.name AS owner_name,
       list.id AS list_id, list.name AS list_name,
       designations,
       [r IN relationships(path) | {
          type: type(r), from: startNode(r).id, to: endNode(r).id, share: r.share,
          since: r.since, until: r.until, source_ids: r.source_ids, fact_id: r.fact_id}] AS edges,
       [r IN relationships(path) | r.share] AS shares,
       length(path) AS depth,
       collect(rule {.*}) AS rules
ORDER BY depth, owner_id, list_id
