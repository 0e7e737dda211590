// Ids of the entities with a designation on one of $lists that is in force and decided on
// $as_of (since <= $as_of < until, and decided_from <= $as_of: the since date is precise enough
// for that day, see api/entity.cypher).
// Used to narrow search and resolution to the entities on chosen lists.
MATCH (e:Entity)-[l:LISTED_ON]->(lst:List)
WHERE lst.id IN $lists
  AND coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
  AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
RETURN DISTINCT e.id AS id
