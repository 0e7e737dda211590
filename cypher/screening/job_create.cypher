// A screening job, created once its upload is spooled and checked ($job: a map of scalars and
// lists; `coverage` is JSON text).
CREATE (j:ScreeningJob)
SET j = $job
RETURN j.id AS id
