// A job's status (and why, when it failed).
MATCH (j:ScreeningJob {id: $id})
SET j.status = $status, j.error = $error, j.updated_at = $at
RETURN j.id AS id
