// Whether any unfinished job of $runner is there to claim (a read: an idle worker polls with
// this, and writes a claim only when there is something to take).
MATCH (j:ScreeningJob)
WHERE j.status IN ['queued', 'running'] AND coalesce(j.runner, 'api') = $runner
RETURN count(j) AS waiting
