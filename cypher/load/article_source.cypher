// Upsert the Source node of a loaded article (kind 'news').
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s += row.props
