// How many commits writers have announced, and how many of them are still committing (a
// token younger than $stale_ms). A read that starts with none committing and ends with the
// same count saw no commit half-applied.
OPTIONAL MATCH (w:WriteEpoch {id: 'graph'})
RETURN coalesce(w.started, 0) AS started,
       size([t IN coalesce(w.open, [])
             WHERE toInteger(split(t, '|')[1]) > timestamp() - $stale_ms]) AS committing
