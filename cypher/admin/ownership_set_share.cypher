// The one-time share migration's write: each edge ($rows: {id: element id, props: the share
// fields}) gets its share fields, and the older single `share` number is removed.
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.id
SET r += row.props
REMOVE r.share
