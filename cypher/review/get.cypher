// One review item with the node it is about.
MATCH (r:ReviewItem {id: $id})
OPTIONAL MATCH (r)-[:ABOUT]->(about)
RETURN properties(r) AS item, about.id AS about_id, labels(about) AS about_labels
