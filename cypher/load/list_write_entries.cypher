// Upsert list entries (one per list entry) and their ON_LIST edge. A changed row keeps the
// hash it had before (row.previous_row_hash, set by the loader when the hash changed); an
// entry that reappears after being ended is reopened.
UNWIND $rows AS row
MATCH (l:List {id: row.list_id})
MERGE (e:ListEntry {id: row.id})
  ON CREATE SET e.first_seen_run = $run_id
SET e += row.props,
    e.previous_row_hash = coalesce(row.previous_row_hash, e.previous_row_hash),
    e.last_seen_run = $run_id,
    e.ended_by_run = null, e.ended_at = null, e.end_reason = null
MERGE (e)-[o:ON_LIST]->(l)
SET o.origin = $origin,
    o.source_ids = CASE WHEN $source_id IN coalesce(o.source_ids, []) THEN o.source_ids
                        ELSE coalesce(o.source_ids, []) + $source_id END
