// Upsert entities (Company, GovernmentBody, Place, List, Contract) on their unique id.
// row.label is checked against a fixed set by the loader before it gets here.
// Curated properties are authoritative, but names that other loaders or accepted reviews
// added to `aliases` are kept: `curated_aliases` remembers which aliases came from data/.
// first_recorded_at (record time) is the curated run that first wrote the entity.
// `curated_alias_recorded` gives, position by position, when each of them was first recorded
// (record time: a `known_at` resolution leaves out the names data/ gained later; a name held
// before these stamps counts from the entity's first record).
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.label)
WITH n, row,
     [a IN coalesce(n.aliases, []) WHERE NOT a IN coalesce(n.curated_aliases, [])] AS added,
     [i IN range(0, size(coalesce(n.curated_aliases, [])) - 1) |
       {alias: n.curated_aliases[i],
        at: coalesce(n.curated_alias_recorded[i], n.first_recorded_at, row.recorded_at)}] AS had
SET n += row.props
SET n.first_recorded_at = coalesce(n.first_recorded_at, row.recorded_at),
    n.curated_alias_recorded = [a IN coalesce(row.props.aliases, []) |
      coalesce(head([h IN had WHERE h.alias = a | h.at]), row.recorded_at)],
    n.curated_aliases = coalesce(row.props.aliases, []),
    n.aliases = coalesce(row.props.aliases, [])
                + [a IN added WHERE NOT a IN coalesce(row.props.aliases, [])]
