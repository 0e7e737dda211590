// Entries a reload no longer has: ended, never deleted. The entry and its LISTED_ON edges get
// the run that ended them and, where the publisher gave no end date, `until` = the load date
// (an upper bound: the entry left the list at some time before it). Record time: the open
// version of each LISTED_ON is first copied to a :FactRecord closed at this run ($at), and
// the ended one is stamped with it (an edge already ended is left as it is).
UNWIND $rows AS row
MATCH (e:ListEntry {id: row.id})
SET e.ended_by_run = $run_id, e.ended_at = $at, e.end_reason = 'absent from reload',
    e.until = coalesce(e.end_date, $date)
WITH e
OPTIONAL MATCH (e)-[:RESOLVED_TO]->(a:Entity)-[r:LISTED_ON]->(l:List)
WHERE r.entry_id = e.id AND r.end_reason IS NULL
CALL (a, l, r) {
  WITH a, l, r WHERE r IS NOT NULL
  CREATE (f:FactRecord)
  SET f = properties(r), f.fact_type = 'LISTED_ON', f.fact_start = a.id, f.fact_end = l.id,
      f.recorded_until = $at, f.recorded_until_run = $run_id, f.end_kind = 'superseded'
  SET r.until_precision = CASE WHEN r.until IS NULL THEN 'before' ELSE r.until_precision END,
      r.until = coalesce(r.until, $date),
      r.ended_by_run = $run_id, r.end_reason = 'absent from reload',
      r.version = coalesce(r.version, '') + '|ended', r.recorded_at = $at,
      r.recorded_run = $run_id, r.first_recorded_at = coalesce(r.first_recorded_at, $at)
}
RETURN count(DISTINCT e) AS ended
