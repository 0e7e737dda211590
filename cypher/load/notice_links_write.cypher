// Upsert the links notice statements make (loaders/notices.py): one edge per (entity, party,
// statement), keyed by its fact_id. row.type is checked against a fixed set by the loader.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
SET r = row.props, r.fact_id = row.fact_id
RETURN count(r) AS written
