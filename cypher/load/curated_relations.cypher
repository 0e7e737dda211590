// Upsert relationship facts between entities. A fact is keyed by its fact_id, derived from
// (type, from, to, key), so a reload hits the same relationship. row.type is checked
// against a fixed set by the loader. Rows whose endpoints are missing are returned.
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.start})
OPTIONAL MATCH (b:Entity {id: row.end})
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
  SET r = row.props, r.fact_id = row.fact_id
  RETURN count(r) AS written
}
WITH row, written WHERE written = 0
RETURN row.fact_id AS missing
