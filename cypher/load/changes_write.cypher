// One Change per entry a load added, modified or ended (the change report, queryable by date).
UNWIND $rows AS row
MERGE (c:Change {id: row.id})
SET c += row
