// One step of a neighbourhood: the entities directly linked to the given ones.
UNWIND $ids AS id
MATCH (:Entity {id: id})-[]-(m:Entity)
RETURN collect(DISTINCT m.id) AS ids
