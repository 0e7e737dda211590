// One chunk of a job's screened rows and its progress, in one transaction. Written only when
// the job has exactly $from rows done (nobody else wrote this chunk meanwhile); rows MERGE on
// (job_id, row) and `rows_done` moves to the chunk's end, so a job resumed after a crash
// starts after the last chunk that committed and never writes a row twice.
MATCH (j:ScreeningJob {id: $job})
WHERE j.rows_done = $from
SET j.rows_done = $done, j.rows_malformed = j.rows_malformed + $malformed,
    j.rows_matched = j.rows_matched + $matched, j.updated_at = $at,
    j.started_at = coalesce(j.started_at, $started), j.status = $status,
    j.finished_at = CASE WHEN $status = 'done' THEN $at ELSE null END,
    j.rows_total = CASE WHEN $status = 'done' THEN $done ELSE j.rows_total END,
    j.rows_total_exact = $status = 'done'
WITH j
CALL (j) {
  UNWIND $rows AS r
  MERGE (x:ScreeningRow {job_id: j.id, row: r.row})
  SET x.line = r.line, x.status = r.status, x.error = r.error, x.input = r.input,
      x.result = r.result, x.decision = r.decision, x.entity_id = r.entity_id
}
RETURN j.rows_done AS done
