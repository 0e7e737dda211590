// The lists a screening consults ($lists: ids, or null for every list), with their freshness:
// when survgraph loaded each, the publisher's own date, and the snapshot it was read from.
MATCH (l:List)
WHERE $lists IS NULL OR l.id IN $lists
OPTIONAL MATCH (s:Source {id: l.snapshot_source_id})
RETURN l.id AS id, l.name AS name, l.loaded_at AS loaded_at,
       l.publisher_updated AS publisher_updated, l.entry_count AS entry_count,
       l.snapshot_source_id AS snapshot_source_id, s.date AS snapshot_date
ORDER BY l.id
