// Designations written before loaders computed `decided_from` (graphs of earlier versions).
MATCH ()-[r:LISTED_ON]->()
WHERE r.decided_from IS NULL AND r.fact_id IS NOT NULL
RETURN r.fact_id AS fact_id, r.since AS since, r.since_precision AS precision,
       r.status AS status
