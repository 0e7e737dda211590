// Upsert Source nodes from an FtM load (the file itself, and its Document/Article entities).
// An existing source (e.g. a curated one restored by id) is left as it is.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
ON CREATE SET s += row.props
