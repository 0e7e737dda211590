// Which of the given ids exist as :Entity (to tell a missing endpoint from a missing path).
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
RETURN id, n IS NOT NULL AS found
