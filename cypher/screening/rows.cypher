// A page of a job's rows in input order (rows are numbered 0, 1, ... without gaps).
MATCH (x:ScreeningRow {job_id: $job})
WHERE x.row >= $offset AND x.row < $offset + $limit
RETURN x {.*} AS row
ORDER BY x.row
