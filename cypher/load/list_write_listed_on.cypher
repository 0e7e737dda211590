// The designation fact (entity)-[:LISTED_ON]->(list) for one list entry, and how the entry
// was resolved to that entity (RESOLVED_TO). Both cite the snapshot. The MERGE is keyed by
// entry_id between the two bound nodes. A match carries its judgement's review_id, so
// `review undo` of that judgement deletes both. Keyed by entry_id between the two bound nodes (one entity, one list and one entry make one fact, so
// fact_id is a function of it): that expands from the entity, never scans the list's edges.
UNWIND $rows AS row
MATCH (a:Entity {id: row.entity_id})
MATCH (l:List {id: row.list_id})
MATCH (e:ListEntry {id: row.entry_id})
MERGE (a)-[r:LISTED_ON {entry_id: row.entry_id}]->(l)
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
                        ELSE coalesce(r.source_ids, []) + $source_id END
MERGE (e)-[t:RESOLVED_TO]->(a)
SET t.decision = coalesce(row.decision, t.decision), t.score = coalesce(row.score, t.score),
    t.alias = coalesce(row.alias, t.alias), t.input = coalesce(row.input, t.input),
    t.review_id = coalesce(row.review_id, t.review_id),
    t.explanation = coalesce(row.explanation, t.explanation),
    t.origin = $origin,
    t.source_ids = CASE WHEN $source_id IN coalesce(t.source_ids, []) THEN t.source_ids
                        ELSE coalesce(t.source_ids, []) + $source_id END
