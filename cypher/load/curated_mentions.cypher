// Upsert MENTIONED_IN facts: an entity is mentioned in a source document.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (s:Source {id: row.end})
MERGE (a)-[r:MENTIONED_IN {fact_id: row.fact_id}]->(s)
SET r = row.props, r.fact_id = row.fact_id
