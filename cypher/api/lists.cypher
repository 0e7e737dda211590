// Every designation list with its publisher, legal basis, freshness (publisher_updated,
// loaded_at, entry_count, snapshot_source_id are properties of the list, set by list loads),
// how many entities the graph records on it (all, and with a designation in force and decided
// on $as_of, see api/entity.cypher) and the Source nodes it cites (its snapshot included).
// $known_before (record time, null: now): the claims as survgraph held them before that
// instant, closed versions (:FactRecord) included; the freshness is the latest load's.
MATCH (l:List)
OPTIONAL MATCH (l)-[a:ADMINISTERED_BY]->(g:Entity)
WITH l, collect(g {.id, .name, labels: labels(g)}) AS administered_by,
     reduce(acc = [], r IN collect(a) | acc + coalesce(r.source_ids, [])) AS admin_sids
CALL (l) {
  OPTIONAL CALL (l) {
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
  RETURN count(DISTINCT e) AS recorded,
         count(DISTINCT CASE WHEN
           coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
           AND r.decided_from IS NOT NULL AND r.decided_from <= $as_of
           THEN e END) AS in_force
}
WITH l, administered_by, recorded, in_force,
     coalesce(l.source_ids, []) + admin_sids
     + [v IN [l.snapshot_source_id] WHERE v IS NOT NULL] AS sids
ORDER BY l.jurisdiction, l.name, l.id
WITH collect({list: l {.*, labels: labels(l)}, administered_by: administered_by,
              recorded: recorded, in_force: in_force}) AS items,
     reduce(acc = [], s IN collect(sids) | acc + s) AS sids
WITH size(items) AS total, items[$offset..($offset + $limit)] AS page, sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN total, page AS results, sources
