// Why a register records no parent for an entity ("direct parent not reported:
// NON_CONSOLIDATING"): a stated reason, never "no parent". The file's statements replace the
// entity's earlier ones of the same scope (row.cleared: the scopes the file speaks of, as
// prefixes; a reported parent clears its scope's exception); the others are kept.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WITH n, row,
     [s IN coalesce(n.parent_not_reported, [])
      WHERE NOT any(p IN row.cleared WHERE s STARTS WITH p)] AS kept
WITH n, row, kept + [s IN row.statements WHERE NOT s IN kept] AS statements
SET n.parent_not_reported = CASE WHEN size(statements) = 0 THEN null ELSE statements END,
    n.parent_not_reported_source_ids =
      CASE WHEN size(statements) = 0 THEN null
           WHEN $source_id IN coalesce(n.parent_not_reported_source_ids, [])
             THEN n.parent_not_reported_source_ids
           ELSE coalesce(n.parent_not_reported_source_ids, []) + $source_id END
