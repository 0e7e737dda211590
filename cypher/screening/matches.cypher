// The entities a job's rows matched (for a watchlist made from a job).
MATCH (x:ScreeningRow {job_id: $job})
WHERE x.decision = 'match' AND x.entity_id IS NOT NULL
RETURN DISTINCT x.entity_id AS id
