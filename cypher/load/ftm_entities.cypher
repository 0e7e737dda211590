// Upsert entities from an FtM file. A new node gets all its properties; an existing one (a
// resolver match, or a node restored earlier) only gains names, FtM ids and sources it lacks,
// and a country if it has none: curated values are never overwritten.
// row.label is checked against a fixed set by the loader before it gets here.
// created_by_source marks what this file created: a rerun's resolver leaves it out;
// first_recorded_at is the load's record time (graph.model.RECORD_KEYS).
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n:$(row.label), n += row.props, n.created_by_source = $source_id,
              n.first_recorded_at = $recorded_at
WITH n, row
SET n.aliases = coalesce(n.aliases, [])
      + [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, []) AND a <> n.name],
    n.ftm_ids = coalesce(n.ftm_ids, []) + [f IN row.ftm_ids WHERE NOT f IN coalesce(n.ftm_ids, [])],
    n.source_ids = coalesce(n.source_ids, [])
      + [s IN row.source_ids WHERE NOT s IN coalesce(n.source_ids, [])],
    n.country = coalesce(n.country, row.country)
