// Upsert MENTIONED_IN facts found in an article: (entity)-[:MENTIONED_IN]->(article source),
// keyed by fact_id, with the sentence quoted.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (s:Source {id: row.end})
MERGE (a)-[r:MENTIONED_IN {fact_id: row.fact_id}]->(s)
SET r += row.props
