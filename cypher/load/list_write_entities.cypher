// Entities a list names that the graph did not have (the resolver said `none`). row.label is
// Company or Person, fixed by the loader. An existing node only gains the snapshot citation.
// created_by_source marks what this snapshot created: a rerun's resolver leaves it out.
// first_recorded_at (record time): when survgraph first held the entity, the creating run's
// time (row.recorded_at); a `known_at` answer does not resolve names to entities made later.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n += row.props, n.created_by_source = $source_id,
                n.first_recorded_at = row.recorded_at
SET n:$(row.label)
SET n.source_ids = CASE WHEN $source_id IN coalesce(n.source_ids, []) THEN n.source_ids
                        ELSE coalesce(n.source_ids, []) + $source_id END
