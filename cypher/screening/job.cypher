// One screening job, only for the key that created it ($owner: the key's hash).
MATCH (j:ScreeningJob {id: $id})
WHERE j.owner = $owner
RETURN j {.*} AS job
