// Migration `provenance-by-source`: nodes citing a renamed snapshot (entities, lists, review
// items), the entities it created and the entries and changes of its runs, by the new ids; a
// node a list load made (origin 'csl') or a review item it filed takes its source's origin.
MATCH (n)
WHERE any(x IN coalesce(n.source_ids, []) WHERE x IN $olds)
   OR n.created_by_source IN $olds OR n.snapshot_source_id IN $olds
   OR n.run_id IN $run_olds OR n.first_seen_run IN $run_olds OR n.last_seen_run IN $run_olds
   OR n.ended_by_run IN $run_olds
CALL (n) {
  WITH n, [x IN coalesce(n.source_ids, []) | coalesce($ids[x], x)] AS cited,
       coalesce($ids[n.created_by_source], n.created_by_source) AS created
  WITH n, cited, created,
       CASE
         WHEN n.origin = 'csl' AND created IS NOT NULL THEN coalesce($tags[created], n.origin)
         WHEN n.origin = 'csl' AND size(cited) > 0 THEN coalesce($tags[last(cited)], n.origin)
         ELSE n.origin END AS origin
  SET n.source_ids = CASE WHEN n.source_ids IS NULL THEN null ELSE cited END,
      n.created_by_source = created,
      n.snapshot_source_id = coalesce($ids[n.snapshot_source_id], n.snapshot_source_id),
      n.run_id = coalesce($runs[n.run_id], n.run_id),
      n.first_seen_run = coalesce($runs[n.first_seen_run], n.first_seen_run),
      n.last_seen_run = coalesce($runs[n.last_seen_run], n.last_seen_run),
      n.ended_by_run = coalesce($runs[n.ended_by_run], n.ended_by_run),
      n.origin = origin
} IN TRANSACTIONS OF 5000 ROWS
