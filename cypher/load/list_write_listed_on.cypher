// The designation fact (entity)-[:LISTED_ON]->(list) for one list entry, and how the entry
// was resolved to that entity (RESOLVED_TO). Both cite the snapshot. A match carries its
// judgement's review_id, so `review undo` of that judgement deletes both. Keyed by entry_id
// between the two bound nodes (one entity, one list and one entry make one fact, so fact_id
// is a function of it): that expands from the entity, never scans the list's edges.
// Record time (graph.model.RECORD_KEYS): a fact whose stated content (row.version) changed is
// first copied to a :FactRecord closed at this run (recorded_until), then restamped
// (recorded_at, recorded_run); the same content keeps its stamp, so a reload is idempotent.
UNWIND $rows AS row
MATCH (a:Entity {id: row.entity_id})
MATCH (l:List {id: row.list_id})
MATCH (e:ListEntry {id: row.entry_id})
MERGE (a)-[r:LISTED_ON {entry_id: row.entry_id}]->(l)
WITH row, a, l, e, r, coalesce(r.version, '') <> row.version AS fresh,
     r.version IS NOT NULL AND r.version <> row.version AS superseded
CALL (a, l, r, row, superseded) {
  WITH a, l, r, row WHERE superseded
  CREATE (f:FactRecord)
  SET f = properties(r), f.fact_type = 'LISTED_ON', f.fact_start = a.id, f.fact_end = l.id,
      f.recorded_until = row.recorded_at, f.recorded_until_run = row.recorded_run,
      f.end_kind = 'superseded'
}
SET r.fact_id = row.fact_id,
    r.since = row.since, r.since_precision = row.since_precision, r.effective = row.effective,
    r.decided_from = row.decided_from,
    r.until = row.until, r.until_precision = row.until_precision, r.citation = row.citation,
    r.name_as_listed = row.name_as_listed, r.programs = row.programs,
    r.note = row.note, r.aliases_as_listed = row.aliases_as_listed,
    r.previous_names = row.previous_names,
    r.origin = $origin, r.ended_by_run = null, r.end_reason = null,
    r.review_id = coalesce(row.review_id, r.review_id),
    r.source_ids = CASE WHEN $source_id IN coalesce(r.source_ids, []) THEN r.source_ids
                        ELSE coalesce(r.source_ids, []) + $source_id END,
    r.version = row.version,
    r.first_recorded_at = coalesce(r.first_recorded_at, row.recorded_at),
    r.recorded_at = CASE WHEN fresh THEN row.recorded_at ELSE r.recorded_at END,
    r.recorded_run = CASE WHEN fresh THEN row.recorded_run ELSE r.recorded_run END
MERGE (e)-[t:RESOLVED_TO]->(a)
SET t.decision = coalesce(row.decision, t.decision), t.score = coalesce(row.score, t.score),
    t.alias = coalesce(row.alias, t.alias), t.input = coalesce(row.input, t.input),
    t.review_id = coalesce(row.review_id, t.review_id),
    t.explanation = coalesce(row.explanation, t.explanation),
    t.origin = $origin,
    t.source_ids = CASE WHEN $source_id IN coalesce(t.source_ids, []) THEN t.source_ids
                        ELSE coalesce(t.source_ids, []) + $source_id END
