// A cheap fingerprint of the resolvable entities, so a cached resolver index knows when the
// graph has changed under it (entity count plus the newest load run).
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { OPTIONAL MATCH (r:LoadRun) RETURN max(r.finished_at) AS last_load, count(r) AS runs }
CALL () { OPTIONAL MATCH (r:ReviewItem) WHERE r.status <> 'pending' RETURN count(r) AS judged }
RETURN entities, last_load, runs, judged
