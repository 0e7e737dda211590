// The snapshot: one Source per distinct CSL file (id from the file's sha256), cited by every
// relationship the load writes.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s += row.props
