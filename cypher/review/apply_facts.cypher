// The held-back facts of an accepted review. A relationship created here carries the
// review's id, so `review undo` can remove exactly these; a fact that already existed (same
// fact_id) is left as it was. row.type is checked against a fixed set before it gets here.
// Record time (graph.model.RECORD_KEYS): survgraph holds the fact from this accept on ($at,
// run 'review:<id>'), not from the load that held it back for review.
UNWIND $rows AS row
OPTIONAL MATCH (a:Entity {id: row.start})
OPTIONAL MATCH (be:Entity {id: row.end})
OPTIONAL MATCH (bs:Source {id: row.end})
WITH row, a, coalesce(be, bs) AS b
CALL (row, a, b) {
  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
  ON CREATE SET r += row.props, r.review_id = $review_id, r.recorded_at = $at,
                r.first_recorded_at = $at, r.recorded_run = 'review:' + $review_id
  RETURN r.review_id = $review_id AS created
}
RETURN row.fact_id AS fact_id, coalesce(created, false) AS written
