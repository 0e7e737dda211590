// Rows the resolver could not decide: a pending ReviewItem ABOUT the entry, carrying the
// LISTED_ON that accepting it should create. A decided item is never reopened by a reload.
UNWIND $rows AS row
MATCH (e:ListEntry {id: row.entry_id})
MERGE (ri:ReviewItem {id: row.id})
  ON CREATE SET ri += row.props, ri.status = 'pending', ri.created_at = $at
MERGE (ri)-[a:ABOUT]->(e)
  ON CREATE SET a.source_ids = [$source_id], a.origin = 'csl'
