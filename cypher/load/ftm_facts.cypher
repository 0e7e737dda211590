// Upsert relationship facts from an FtM load, keyed by fact_id. A new fact gets all its
// properties; an existing one (same claim, e.g. a curated fact restored from our own export)
// keeps its properties and only gains the FtM file as a further source. A new fact is stamped
// with the load's record time (graph.model.RECORD_KEYS), as every loader's facts are.
// row.type is checked against a fixed set by the loader before it gets here.
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.start})
OPTIONAL MATCH (be:Entity {id: row.end})
OPTIONAL MATCH (bs:Source {id: row.end})
WITH row, a, coalesce(be, bs) AS b
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
  ON CREATE SET r += row.props, r.first_recorded_at = $recorded_at,
                r.recorded_at = $recorded_at, r.recorded_run = $recorded_run
  SET r.source_ids = coalesce(r.source_ids, [])
        + [s IN row.props.source_ids WHERE NOT s IN coalesce(r.source_ids, [])]
}
