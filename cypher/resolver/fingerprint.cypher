// A cheap fingerprint of what a resolver index was built from: the entity count (from the
// count store), the load runs recorded, the latest list load and the settled reviews (a
// rejection is a negative judgement the resolver must honour). When it changes, a
// long-running process (the API) rebuilds its index.
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH (r:LoadRun) RETURN count(r) AS runs, max(r.started_at) AS last_run }
CALL () { MATCH (l:List) RETURN max(l.loaded_at) AS lists_loaded, count(l) AS lists }
CALL () { OPTIONAL MATCH (r:ReviewItem) WHERE r.status <> 'pending' RETURN count(r) AS judged }
RETURN entities, runs, last_run, lists_loaded, lists, judged
