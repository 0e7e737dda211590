// Ids of the entities with a designation on one of $lists that is in force and decided on
// $as_of (since <= $as_of < until, and the since date precise enough for that day: 'year'
// from the next 1 January, 'month' from the next month, 'approximate'/'after' never alone).
// Used to narrow search and resolution to the entities on chosen lists.
MATCH (e:Entity)-[l:LISTED_ON]->(lst:List)
WHERE lst.id IN $lists
  AND coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
  AND (l.since IS NULL
       OR NOT coalesce(l.since_precision, 'day') IN ['year', 'month', 'approximate', 'after']
       OR (l.since_precision = 'year' AND toString(date(l.since) + duration('P1Y')) <= $as_of)
       OR (l.since_precision = 'month' AND toString(date(l.since) + duration('P1M')) <= $as_of))
RETURN DISTINCT e.id AS id
