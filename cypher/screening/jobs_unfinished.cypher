// Jobs a worker still has rows of (after a restart: those it had not finished), oldest first.
MATCH (j:ScreeningJob)
WHERE j.status IN ['queued', 'running']
RETURN j {.*} AS job
ORDER BY j.created_at, j.id
