// The snapshot: one Source per distinct list file (id from its source and its sha256), cited
// by every relationship the load writes.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s += row.props
