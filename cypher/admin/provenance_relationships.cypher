// Migration `provenance-by-source`: every relationship citing a renamed snapshot cites it by
// its new id; one a list load wrote (origin 'csl') takes the origin of the snapshot it cites
// last (the load that wrote it last); a run id it carries is renamed too.
MATCH ()-[r]->()
WHERE any(x IN coalesce(r.source_ids, []) WHERE x IN $olds)
CALL (r) {
  WITH r, [x IN r.source_ids | coalesce($ids[x], x)] AS cited
  SET r.source_ids = cited,
      r.origin = CASE WHEN r.origin = 'csl' THEN coalesce($tags[last(cited)], r.origin)
                      ELSE r.origin END,
      r.ended_by_run = coalesce($runs[r.ended_by_run], r.ended_by_run)
} IN TRANSACTIONS OF 5000 ROWS
