// The first malformed rows of a job (kept aside, with their line numbers).
MATCH (x:ScreeningRow {job_id: $job})
WHERE x.status = 'malformed'
RETURN x.row AS row, x.line AS line, x.error AS error
ORDER BY x.row
LIMIT $limit
