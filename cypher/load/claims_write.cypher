// The relationships a list entry states (loaders.pipeline.claims): subject -> target, one
// relationship per claim, keyed by its fact_id (entry, kind and target name), so a curated fact
// and each list's or tranche's claim about one pair stay separate relationships. row.type is
// checked against graph.model.RELATION_TYPES by the loader. The MERGE expands from the bound
// subject.
// A reload of the same entry from another snapshot adds that snapshot to source_ids; how the
// target was first resolved (decision, score) is kept, as a rerun finds what the first created.
// Record time (graph.model.RECORD_KEYS): a claim whose statement changed (row.version) is first
// copied to a :FactRecord closed at this run; the same statement keeps its stamp.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
WITH a, b, r, row, coalesce(r.source_ids, []) AS cited, r.decision AS decision,
     r.score AS score, coalesce(r.version, '') <> row.version AS fresh,
     r.version IS NOT NULL AND r.version <> row.version AS superseded
CALL (a, b, r, row, superseded) {
  WITH a, b, r, row WHERE superseded
  CREATE (f:FactRecord)
  SET f = properties(r), f.fact_type = type(r), f.fact_start = a.id, f.fact_end = b.id,
      f.recorded_until = row.recorded_at, f.recorded_until_run = row.recorded_run,
      f.end_kind = 'superseded'
}
SET r += row.props,
    r.decision = coalesce(decision, row.props.decision),
    r.score = CASE WHEN decision IS NULL THEN row.props.score ELSE score END,
    r.source_ids = CASE WHEN $source_id IN cited THEN cited ELSE cited + $source_id END,
    r.version = row.version,
    r.first_recorded_at = coalesce(r.first_recorded_at, row.recorded_at),
    r.recorded_at = CASE WHEN fresh THEN row.recorded_at ELSE r.recorded_at END,
    r.recorded_run = CASE WHEN fresh THEN row.recorded_run ELSE r.recorded_run END
