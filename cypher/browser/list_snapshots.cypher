// Which snapshot each designation list comes from: the publisher's date (when the source gives
// one), when it was loaded, how many entries, and the snapshot Source (title, date, URL).
// No parameter needed.
MATCH (l:List)
OPTIONAL MATCH (s:Source {id: l.snapshot_source_id})
RETURN l.short_name AS list, l.entry_count AS entries, l.publisher_updated AS publisher_updated,
       l.loaded_at AS loaded_at, s.title AS snapshot, s.date AS snapshot_date, s.url AS url
ORDER BY list
