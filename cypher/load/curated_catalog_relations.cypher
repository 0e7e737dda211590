// Upsert the curated facts that join a company to a sector (IN_SECTOR) or a brand to its
// company (BRAND_OF), keyed by fact_id like every curated fact. row.type is one of those two
// (loaders/curated.py checks it). Rows whose endpoints are missing are returned.
UNWIND $rows AS row
OPTIONAL MATCH (company:Entity {id: CASE row.type WHEN 'IN_SECTOR' THEN row.start ELSE row.end END})
OPTIONAL MATCH (sector:Sector {id: row.end})
OPTIONAL MATCH (brand:Brand {id: row.start})
WITH row, CASE row.type WHEN 'IN_SECTOR' THEN company ELSE brand END AS a,
     CASE row.type WHEN 'IN_SECTOR' THEN sector ELSE company END AS b
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL AND row.type IN ['IN_SECTOR', 'BRAND_OF']
  MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
  SET r = row.props, r.fact_id = row.fact_id
  RETURN count(r) AS written
}
WITH row, written WHERE written = 0
RETURN row.fact_id AS missing
