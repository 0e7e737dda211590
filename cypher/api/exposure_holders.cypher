// The designations of the entities of $ids (an entity and those a `known_at` walk reached up and
// down its ownership and control chains: api/queries/as_known.py) in the shape of
// api/exposure.cypher's items: per entity and list, every claim (LISTED_ON) with `in_force` and
// `decided` on day $as_of, the list's snapshot and the list's scope rules. $lists (list ids or
// null) narrows the lists. $known_before (record time, null: now): the claims as survgraph held
// them before that instant, closed versions (:FactRecord) included.
UNWIND $ids AS id
MATCH (a:Entity {id: id})
CALL (a) {
  MATCH (a)-[r:LISTED_ON]->(lst:List)
  WHERE $known_before IS NULL OR coalesce(r.recorded_at, '') < $known_before
  RETURN properties(r) AS l, lst
  UNION ALL
  MATCH (f:FactRecord {fact_start: a.id, fact_type: 'LISTED_ON'})
  WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
    AND f.recorded_until >= $known_before
  MATCH (lst:List {id: f.fact_end})
  RETURN properties(f) AS l, lst
}
WITH a, l, lst WHERE $lists IS NULL OR lst.id IN $lists
WITH a, lst, l ORDER BY l.since, l.fact_id
WITH a, lst, collect({
    list: lst {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
               .entry_count},
    props: l,
    in_force: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of),
    decided: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
      AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
  }) AS claims
CALL (lst) {
  OPTIONAL MATCH (rule:Rule)-[:SCOPE_OF]->(lst)
  RETURN collect(rule {.*}) AS rules
}
RETURN a {.id, .name, labels: labels(a)} AS holder, lst.id AS list, claims, rules
ORDER BY holder.id, list
