// One entity's id, name and labels, or no row when there is no :Entity with id $id.
MATCH (n:Entity {id: $id})
RETURN n {.id, .name, labels: labels(n)} AS entity
