// Benchmark only: remove every synthetic node (and its relationships) in batches.
MATCH (n:Entity) WHERE n.id STARTS WITH 'company:bench-'
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
