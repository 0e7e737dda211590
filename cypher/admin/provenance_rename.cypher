// Migration `provenance-by-source`: each renamed snapshot and run takes its source's id and
// keeps the id it had (`former_ids`), so an id a user quoted still finds it; the snapshots
// that were the CSL's say so (`list_source`).
CALL () {
  UNWIND $sources AS m
  MATCH (s:Source {id: m.old})
  WHERE NOT EXISTS { MATCH (:Source {id: m.new}) }
  SET s.id = m.new, s.former_ids = coalesce(s.former_ids, []) + m.old, s.list_source = m.tag
}
CALL () {
  UNWIND $runs AS m
  MATCH (run:LoadRun {id: m.old})-[r:READ]->(:Source)
  SET run.id = m.new, run.former_ids = coalesce(run.former_ids, []) + m.old,
      run.loader = m.tag, run.source_id = m.source_id, r.origin = m.tag,
      r.source_ids = [x IN coalesce(r.source_ids, []) | coalesce($ids[x], x)]
}
CALL () {
  UNWIND $csl AS id
  MATCH (s:Source {id: id})
  SET s.list_source = 'csl'
}
