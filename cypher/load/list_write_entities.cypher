// Entities a list names that the graph did not have (the resolver said `none`). row.label is
// Company or Person, fixed by the loader. An existing node only gains the snapshot citation.
// created_by_source marks what this snapshot created: a rerun's resolver leaves it out.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n += row.props, n.created_by_source = $source_id
SET n:$(row.label)
SET n.source_ids = CASE WHEN $source_id IN coalesce(n.source_ids, []) THEN n.source_ids
                        ELSE coalesce(n.source_ids, []) + $source_id END
