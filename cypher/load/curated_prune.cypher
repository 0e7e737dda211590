// The curated dataset is the truth for curated facts: a fact deleted from data/ is removed
// from the graph on the next load. Facts from list loaders are never touched here.
// One row: {fact_ids: every fact id the dataset has now}.
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE r.origin = 'curated' AND NOT r.fact_id IN row.fact_ids
DELETE r
RETURN count(*) AS pruned
