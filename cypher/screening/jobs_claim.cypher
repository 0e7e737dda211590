// The unfinished jobs this worker may take a turn on, oldest first, leased to it until
// $until: those of its kind ($runner: the API's worker or one CLI run) whose lease is free,
// expired (a killed process's) or already its own. Several API processes then share the jobs
// instead of screening each twice; rows_save's check on rows_done keeps them exact anyway.
MATCH (j:ScreeningJob)
WHERE j.status IN ['queued', 'running']
  AND coalesce(j.runner, 'api') = $runner
  AND ($only IS NULL OR j.id = $only)
  AND (j.lease_by IS NULL OR j.lease_by = $me OR j.lease_until < $now)
SET j.lease_by = $me, j.lease_until = $until
RETURN j {.*} AS job
ORDER BY j.created_at, j.id
