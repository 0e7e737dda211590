// Every sector (data/sectors.yaml) with how many vendors a source puts in it and how many of
// them have a designation in force and decided on $as_of, and the Source nodes cited.
// $known_before (record time, null: now): the sector claims and designations as survgraph held
// them before that instant, closed versions (:FactRecord) included.
MATCH (s:Sector)
CALL (s) {
  OPTIONAL CALL (s) {
    MATCH (v:Entity)-[c:IN_SECTOR]->(s)
    WHERE $known_before IS NULL OR coalesce(c.recorded_at, '') < $known_before
    RETURN v, c {.quote, .source_ids, .key} AS claim
    UNION ALL
    MATCH (f:FactRecord {fact_end: s.id, fact_type: 'IN_SECTOR'})
    WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
      AND f.recorded_until >= $known_before
    MATCH (v:Entity {id: f.fact_start})
    RETURN v, f {.quote, .source_ids, .key} AS claim
  }
  WITH v, collect(claim) AS claims
  RETURN count(v) AS vendors,
         count(CASE WHEN EXISTS {
           MATCH (v)-[r:LISTED_ON]->(:List)
           WHERE ($known_before IS NULL OR coalesce(r.recorded_at, '') < $known_before)
             AND coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
             AND r.decided_from IS NOT NULL AND r.decided_from <= $as_of
         } OR EXISTS {
           MATCH (f:FactRecord {fact_start: v.id, fact_type: 'LISTED_ON'})
           WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
             AND f.recorded_until >= $known_before
             AND coalesce(f.since, '') <= $as_of AND (f.until IS NULL OR f.until > $as_of)
             AND f.decided_from IS NOT NULL AND f.decided_from <= $as_of
         } THEN v END) AS listed,
         reduce(acc = [], c IN reduce(all = [], x IN collect(claims) | all + x) |
           acc + coalesce(c.source_ids, [])) AS claim_sids
}
WITH s, vendors, listed, coalesce(s.source_ids, []) + claim_sids AS sids
ORDER BY s.name, s.id
WITH collect({sector: s {.*}, vendors: vendors, listed: listed}) AS items,
     reduce(acc = [], x IN collect(sids) | acc + x) AS sids
WITH size(items) AS total, items[$offset..($offset + $limit)] AS page, sids
CALL (sids) {
  OPTIONAL MATCH (src:Source) WHERE src.id IN sids
  RETURN collect(src {.*}) AS sources
}
RETURN total, page AS results, sources
