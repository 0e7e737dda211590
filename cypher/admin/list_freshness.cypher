// How fresh each list is: the publisher's own date (when the source gives one), when we last
// loaded it, how many entries it had then, and the snapshot Source the load cites.
MATCH (l:List)
RETURN l.id AS id, l.name AS name, l.short_name AS short_name,
       l.publisher_updated AS publisher_updated, l.loaded_at AS loaded_at,
       l.entry_count AS entry_count, l.snapshot_source_id AS snapshot_source_id
ORDER BY l.id
