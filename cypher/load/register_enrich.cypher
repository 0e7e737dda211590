// What a register says of an entity it identifies (matched by its key, by name, or created by
// this load): its key as an identifier, its registered names as aliases (the stored name is
// kept, unless it is the placeholder of a parent first known only by its key), its statuses in
// the register, and the snapshot Source among the entity's citations.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WITH n, row, n.name = row.placeholder AND row.legal_name IS NOT NULL AS named_now
SET n.note = CASE WHEN named_now THEN null ELSE n.note END,
    n.name = CASE WHEN named_now THEN row.legal_name ELSE n.name END
WITH n, row, coalesce(n.identifiers, []) AS ids, coalesce(n.aliases, []) AS aliases
SET n.identifiers = CASE WHEN row.identifier IN ids THEN ids ELSE ids + row.identifier END,
    n.aliases = aliases + [a IN row.names WHERE NOT a IN aliases AND a <> n.name],
    n += row.props,
    n.source_ids = CASE WHEN $source_id IN coalesce(n.source_ids, []) THEN n.source_ids
                        ELSE coalesce(n.source_ids, []) + $source_id END
