// The entities recorded on one list, one item per entity with every claim of its designation
// (LISTED_ON: dates, citation, name as listed; `in_force` = since <= $as_of < until and
// `decided` = in force and decided_from <= $as_of, see api/entity.cypher),
// optionally only claims listed on or after $since and on or before $until (ISO dates compared
// as strings). Unless $include_ended, only entities with a decided claim in force on $as_of.
// One page with the total and the cited sources (the list's snapshot included).
// $known_before (record time, null: now): the claims as survgraph held them before that
// instant, closed versions (:FactRecord) included.
MATCH (l:List {id: $id})
CALL (l) {
  CALL (l) {
    MATCH (e:Entity)-[x:LISTED_ON]->(l)
    WHERE $known_before IS NULL OR coalesce(x.recorded_at, '') < $known_before
    RETURN e, properties(x) AS r
    UNION ALL
    MATCH (f:FactRecord {fact_end: l.id, fact_type: 'LISTED_ON'})
    WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
      AND f.recorded_until >= $known_before
    MATCH (e:Entity {id: f.fact_start})
    RETURN e, properties(f) AS r
  }
  WITH e, r WHERE ($since IS NULL OR r.since >= $since) AND ($until IS NULL OR r.since <= $until)
  WITH e, r ORDER BY r.since, r.fact_id
  WITH e, collect(CASE WHEN r IS NOT NULL THEN {
      list: l {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
               .entry_count},
      props: r,
      in_force: coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of),
      decided: coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
        AND r.decided_from IS NOT NULL AND r.decided_from <= $as_of
    } END) AS claims
  WHERE e IS NOT NULL AND ($include_ended OR any(c IN claims WHERE c.decided))
  WITH e, claims ORDER BY claims[0].props.since, e.name, e.id
  RETURN collect({entity: e {.id, .name, labels: labels(e)}, claims: claims}) AS items
}
WITH l, size(items) AS total, items[$offset..($offset + $limit)] AS page
WITH l, total, page,
     reduce(acc = [v IN [l.snapshot_source_id] WHERE v IS NOT NULL], x IN page |
       acc + reduce(a = [], c IN x.claims | a + coalesce(c.props.source_ids, []))) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN l {.id, .name, labels: labels(l)} AS root, total, page AS results, sources
