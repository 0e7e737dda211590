// The entities survgraph first recorded at or after $known_before (record time: the load run
// or review accept that created them, graph.model.RECORD_KEYS). A `known_at` resolution leaves
// them out: on that day the index did not hold them. Entities from before record time was
// kept on entities (no first_recorded_at) count as always known.
MATCH (n:Entity)
WHERE n.first_recorded_at >= $known_before
RETURN collect(n.id) AS ids
