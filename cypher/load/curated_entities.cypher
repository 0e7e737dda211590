// Upsert entities (Company, GovernmentBody, Place, List, Contract) on their unique id.
// row.label is checked against a fixed set by the loader before it gets here.
// Curated properties are authoritative, but names that other loaders or accepted reviews
// added to `aliases` are kept: `curated_aliases` remembers which aliases came from data/.
// first_recorded_at (record time) is the curated run that first wrote the entity.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.label)
WITH n, row,
     [a IN coalesce(n.aliases, []) WHERE NOT a IN coalesce(n.curated_aliases, [])] AS added
SET n += row.props
SET n.first_recorded_at = coalesce(n.first_recorded_at, row.recorded_at),
    n.curated_aliases = coalesce(row.props.aliases, []),
    n.aliases = coalesce(row.props.aliases, [])
                + [a IN added WHERE NOT a IN coalesce(row.props.aliases, [])]
