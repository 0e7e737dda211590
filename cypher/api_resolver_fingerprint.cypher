// A cheap fingerprint of what the resolver index was built from: the entity count (from the
// count store), the load runs recorded and the latest list load. When it changes, the API
// rebuilds its index.
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH (r:LoadRun) RETURN count(r) AS runs, max(r.started_at) AS last_run }
CALL () { MATCH (l:List) RETURN max(l.loaded_at) AS lists_loaded, count(l) AS lists }
RETURN entities, runs, last_run, lists_loaded, lists
