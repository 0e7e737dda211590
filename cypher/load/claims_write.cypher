// The relationships a list entry states (loaders.pipeline.claims): subject -> target, one
// relationship per claim, keyed by its fact_id (entry, kind and target name), so a curated fact
// and each list's or tranche's claim about one pair stay separate relationships. row.type is
// checked against graph.model.RELATION_TYPES by the loader. The MERGE expands from the bound
// subject.
// A reload of the same entry from another snapshot adds that snapshot to source_ids; how the
// target was first resolved (decision, score) is kept, as a rerun finds what the first created.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
WITH r, row, coalesce(r.source_ids, []) AS cited, r.decision AS decision, r.score AS score
SET r += row.props,
    r.decision = coalesce(decision, row.props.decision),
    r.score = CASE WHEN decision IS NULL THEN row.props.score ELSE score END,
    r.source_ids = CASE WHEN $source_id IN cited THEN cited ELSE cited + $source_id END
