// Delete every node and relationship, in batches so a large graph does not need one huge
// transaction. Used by tests and by `load --fresh`; the schema stays.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
