// Which of $ids name an entity.
UNWIND $ids AS id
OPTIONAL MATCH (e:Entity {id: id})
RETURN id, e IS NOT NULL AS found
