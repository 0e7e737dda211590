// Record that a one-time migration has run on this graph.
MERGE (m:Migration {id: $id})
ON CREATE SET m.at = $at
