// Write the `decided_from` computed by graph.model.decided_from onto older designations.
UNWIND $rows AS row
MATCH ()-[r:LISTED_ON {fact_id: row.fact_id}]->()
SET r.decided_from = row.decided_from
