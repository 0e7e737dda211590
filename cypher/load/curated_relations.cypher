// Upsert relationship facts between entities. A fact is keyed by its fact_id, derived from
// (type, from, to, key), so a reload hits the same relationship. row.type is checked
// against a fixed set by the loader. Rows whose endpoints are missing are returned.
// Record time (graph.model.RECORD_KEYS): a fact whose statement changed (row.version: a stake,
// a date, a basis) is first copied to a :FactRecord closed at this load (recorded_until); the
// same statement keeps its stamp, so reloading the same data changes nothing.
// Besides relations between entities, the curated catalog's (a company IN_SECTOR a sector, a
// brand BRAND_OF its company) and mentions (an entity MENTIONED_IN a source) take the same
// path, so every curated fact is stamped alike; each end is looked up under the labels its
// type allows (loaders/curated.py checks the types).
UNWIND $rows AS row
OPTIONAL CALL (row) {
  MATCH (n:Entity {id: row.start}) WHERE row.type <> 'BRAND_OF' RETURN n AS a
  UNION
  MATCH (n:Brand {id: row.start}) WHERE row.type = 'BRAND_OF' RETURN n AS a
}
OPTIONAL CALL (row) {
  MATCH (n:Entity {id: row.end}) WHERE NOT row.type IN ['IN_SECTOR', 'MENTIONED_IN'] RETURN n AS b
  UNION
  MATCH (n:Sector {id: row.end}) WHERE row.type = 'IN_SECTOR' RETURN n AS b
  UNION
  MATCH (n:Source {id: row.end}) WHERE row.type = 'MENTIONED_IN' RETURN n AS b
}
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
  WITH a, b, r, row, r.version AS was, r.first_recorded_at AS first,
       r.recorded_at AS at, r.recorded_run AS run
  CALL (a, b, r, row, was) {
    WITH a, b, r, row WHERE was IS NOT NULL AND was <> row.version
    CREATE (f:FactRecord)
    SET f = properties(r), f.fact_type = type(r), f.fact_start = a.id, f.fact_end = b.id,
        f.recorded_until = row.recorded_at, f.recorded_until_run = row.recorded_run,
        f.end_kind = 'superseded'
  }
  SET r = row.props, r.fact_id = row.fact_id, r.version = row.version,
      r.first_recorded_at = coalesce(first, row.recorded_at),
      r.recorded_at = CASE WHEN coalesce(was, '') = row.version THEN at ELSE row.recorded_at END,
      r.recorded_run = CASE WHEN coalesce(was, '') = row.version THEN run
                            ELSE row.recorded_run END
  RETURN count(r) AS written
}
WITH row, written WHERE written = 0
RETURN row.fact_id AS missing
