// Review items with a given status (pending by default), oldest first.
MATCH (r:ReviewItem)
WHERE r.status = $status AND ($kind IS NULL OR r.kind = $kind)
OPTIONAL MATCH (r)-[:ABOUT]->(about)
RETURN properties(r) AS item, about.id AS about_id
ORDER BY r.created_at, r.id
LIMIT $limit
