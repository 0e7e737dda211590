// Create or refresh review items (one per doubtful input), linked to the Source or ListEntry
// they came from. A decided item is never reopened by a reload: only pending items are refreshed.
UNWIND $rows AS row
MERGE (r:ReviewItem {id: row.id})
ON CREATE SET r += row.props, r.status = 'pending', r.created_at = row.created_at, r.history = []
WITH r, row
CALL (r, row) {
  WITH r, row WHERE r.status = 'pending'
  SET r += row.props
}
WITH r, row
OPTIONAL MATCH (s:Source {id: row.about_id})
OPTIONAL MATCH (e:ListEntry {id: row.about_id})
WITH r, coalesce(s, e) AS about
CALL (r, about) {
  WITH r, about WHERE about IS NOT NULL
  MERGE (r)-[a:ABOUT]->(about)
    ON CREATE SET a.source_ids = coalesce(r.source_ids, []), a.origin = r.origin
}
RETURN count(r) AS items
