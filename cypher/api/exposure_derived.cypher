// Designations an entity may reach through its owners: every ownership (or branch) path from
// the entity up to an owner that is LISTED_ON a list on day $as_of, with the shares along the
// path, the owner's designation, and the scope rules of that list. Whether a rule covers the
// entity is decided afterwards (graph/coverage.py); nothing here is a listing of the entity.
// Parameters: $id, $as_of ('YYYY-MM-DD'), $lists (list ids, or null for all), $max_depth.
// Every path edge is in force on $as_of (since <= $as_of < until). The owner's claims are those
// in force on $as_of; `decided` says whether a claim's since date is precise enough to decide
// that day (decided_from <= $as_of, see api/entity.cypher): an owner listed on that day only by
// vague claims is no sure basis.
MATCH (x:Entity {id: $id})
MATCH path = (x)-[:SUBSIDIARY_OF|BRANCH_OF*1..6]->(owner:Entity)
WHERE length(path) <= $max_depth
  AND all(r IN relationships(path)
          WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR r.until > $as_of))
MATCH (owner)-[l:LISTED_ON]->(list:List)
WHERE (l.since IS NULL OR l.since <= $as_of) AND (l.until IS NULL OR l.until > $as_of)
  AND ($lists IS NULL OR list.id IN $lists)
WITH x, path, owner, list, l ORDER BY l.since, l.fact_id
WITH x, path, owner, list, collect({
    list: list {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
                .entry_count},
    props: properties(l),
    in_force: true,
    decided: l.decided_from IS NOT NULL AND l.decided_from <= $as_of
  }) AS designations
OPTIONAL MATCH (rule:Rule)-[:SCOPE_OF]->(list)
RETURN owner.id AS owner_id, owner.name AS owner_name, labels(owner) AS owner_labels,
       list.id AS list_id, list.name AS list_name,
       designations,
       [r IN relationships(path) | {
          type: type(r), start: startNode(r).id, end: endNode(r).id, props: properties(r)}]
         AS edges,
       [r IN relationships(path) | r.share] AS shares,
       length(path) AS depth,
       collect(rule {.*}) AS rules
ORDER BY depth, owner_id, list_id
