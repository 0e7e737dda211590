// Upsert Source nodes: the documents facts cite. Idempotent on the unique id.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s += row.props
