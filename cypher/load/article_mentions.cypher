// Upsert MENTIONED_IN facts found in an article: (entity)-[:MENTIONED_IN]->(article source),
// keyed by fact_id, with the sentence quoted. A new fact is stamped with the load's record time
// (graph.model.RECORD_KEYS), as every loader's facts are; a reload keeps the first stamp.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (s:Source {id: row.end})
MERGE (a)-[r:MENTIONED_IN {fact_id: row.fact_id}]->(s)
ON CREATE SET r.first_recorded_at = $recorded_at, r.recorded_at = $recorded_at,
              r.recorded_run = $recorded_run
SET r += row.props
