// For each entity of $ids, in one round trip (a screening chunk's matches): its own
// designations on $lists (null: all), claims grouped per list in the shape of
// api/exposure.cypher's `own`; `owned`: whether an ownership or control edge goes up from it in
// force on $as_of (only then can a scope rule reach it through owners, api/exposure_derived);
// with $known_before, any such edge survgraph had recorded by then, deleted since or not;
// and the Source nodes its claims and their lists' snapshots cite. One row per known id.
// $known_before: as survgraph held them before that instant (see api/exposure_holders.cypher).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  CALL (e) {
    MATCH (e)-[r:LISTED_ON]->(lst:List)
    WHERE $known_before IS NULL OR coalesce(r.recorded_at, '') < $known_before
    RETURN properties(r) AS l, lst
    UNION ALL
    MATCH (f:FactRecord {fact_start: e.id, fact_type: 'LISTED_ON'})
    WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
      AND f.recorded_until >= $known_before
    MATCH (lst:List {id: f.fact_end})
    RETURN properties(f) AS l, lst
  }
  WITH lst, l WHERE $lists IS NULL OR lst.id IN $lists
  WITH lst, l ORDER BY l.since, l.fact_id
  WITH lst, collect({
      list: lst {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
                 .entry_count},
      props: properties(l),
      in_force: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of),
      decided: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
        AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
    }) AS claims
  ORDER BY lst.id
  RETURN collect({claims: claims}) AS own
}
WITH e, own,
  reduce(acc = [], item IN own | acc + reduce(a = [], c IN item.claims |
    a + coalesce(c.props.source_ids, []) + [v IN [c.list.snapshot_source_id] WHERE v IS NOT NULL]
  )) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN e.id AS id, own, sources,
  CASE WHEN $known_before IS NULL THEN EXISTS {
    MATCH (e)-[r:$any($walked_types)]->(:Entity)
    WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
  }
  // as held then: any edge recorded by then, live or deleted since, whatever its dates said
  // (the version of the time decides them, in the full exposure read)
  ELSE EXISTS {
    MATCH (e)-[r:$any($walked_types)]->(:Entity)
    WHERE coalesce(r.first_recorded_at, '') < $known_before
  } OR EXISTS {
    MATCH (f:FactRecord {fact_start: e.id})
    WHERE f.fact_type IN $walked_types AND coalesce(f.recorded_at, '') < $known_before
  } END AS owned
