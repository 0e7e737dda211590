// Ids of the entities with a designation on one of $lists that is in force and decided on
// $as_of (since <= $as_of < until, and decided_from <= $as_of: the since date is precise enough
// for that day, see api/entity.cypher).
// $known_before (record time, null: now): the designations as survgraph held them before that
// instant (closed versions: :FactRecord; see api/entity.cypher).
// Used to narrow search and resolution to the entities on chosen lists.
CALL () {
  MATCH (e:Entity)-[r:LISTED_ON]->(lst:List)
  WHERE lst.id IN $lists
    AND ($known_before IS NULL OR coalesce(r.recorded_at, '') < $known_before)
  RETURN e.id AS id, properties(r) AS l
  UNION ALL
  MATCH (f:FactRecord {fact_type: 'LISTED_ON'})
  WHERE $known_before IS NOT NULL AND f.fact_end IN $lists
    AND coalesce(f.recorded_at, '') < $known_before AND f.recorded_until >= $known_before
  RETURN f.fact_start AS id, properties(f) AS l
}
WITH id, l
WHERE coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
  AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
RETURN DISTINCT id
