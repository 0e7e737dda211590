// Entries a reload no longer has: ended, never deleted. The entry and its LISTED_ON edges get
// the run that ended them and, where the publisher gave no end date, `until` = the load date
// (an upper bound: the entry left the list at some time before it).
UNWIND $rows AS row
MATCH (e:ListEntry {id: row.id})
SET e.ended_by_run = $run_id, e.ended_at = $at, e.end_reason = 'absent from reload',
    e.until = coalesce(e.end_date, $date)
WITH e
OPTIONAL MATCH (e)-[:RESOLVED_TO]->(:Entity)-[r:LISTED_ON]->(:List)
WHERE r.entry_id = e.id
SET r.until_precision = CASE WHEN r.until IS NULL THEN 'before' ELSE r.until_precision END,
    r.until = coalesce(r.until, $date),
    r.ended_by_run = $run_id, r.end_reason = 'absent from reload'
RETURN count(DISTINCT e) AS ended
