// A test's batch: $n probe nodes in one transaction, each linked to one hub node (as list
// entries are to their list), all tagged with the batch number.
MERGE (h:ConsistencyHub {id: 'hub'})
WITH h
UNWIND range(1, $n) AS i
CREATE (h)<-[:PROBE {batch: $batch}]-(:ConsistencyProbe {batch: $batch, i: i})
