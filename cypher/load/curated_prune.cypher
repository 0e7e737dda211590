// The curated dataset is the truth for curated facts: a fact deleted from data/ is removed
// from the graph on the next load, and kept as a :FactRecord closed at this load
// (recorded_until, end_kind 'removed': record time still answers what was known before).
// Facts from list loaders are never touched here.
// One row: {fact_ids: every fact id the dataset has now, recorded_at, recorded_run}.
UNWIND $rows AS row
MATCH (a)-[r]->(b)
WHERE r.origin = 'curated' AND NOT r.fact_id IN row.fact_ids
CREATE (f:FactRecord)
SET f = properties(r), f.fact_type = type(r), f.fact_start = a.id, f.fact_end = b.id,
    f.recorded_until = row.recorded_at, f.recorded_until_run = row.recorded_run,
    f.end_kind = 'removed'
DELETE r
RETURN count(*) AS pruned
