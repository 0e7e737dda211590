// Delete every relationship, then every node, in batches so that no transaction holds a
// large graph (or one node with a million relationships) at once. Used by tests and
// benchmarks; the schema stays. Two statements: run as a script.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS;
