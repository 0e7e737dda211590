// The vendors a source puts in one sector, each with the claims (quote and sources), its own
// designations in force and decided on $as_of (list, since, the notice it cites; by list, since
// and fact id), and the members of its group with a designation in force that day: entities
// that reach it through ownership, branch, control or a notice's AFFILIATE_OF edges (at most
// 3, each in force and decided on $as_of). With $listed, only vendors that are listed or have a listed member.
// One row, or none when the sector is unknown. With $known_before (record time) the claims as
// survgraph held them before that instant (closed versions, :FactRecord, included) and the
// designations and members empty: api/queries/as_known.py fills them as held then, walking
// level by level (an edge deleted since is no longer a path).
MATCH (s:Sector {id: $id})
CALL (s) {
  CALL (s) {
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
  WITH v, claim ORDER BY claim.key, claim.quote
  WITH v, collect(claim) AS claims
  CALL (v) {
    OPTIONAL MATCH (v)-[r:LISTED_ON]->(l:List)
    WHERE $known_before IS NULL AND coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
      AND r.decided_from IS NOT NULL AND r.decided_from <= $as_of
    WITH l, r ORDER BY l.id, r.since, r.fact_id
    RETURN collect(CASE WHEN r IS NOT NULL THEN {
      list: l {.id, .name, labels: labels(l)}, since: r.since, until: r.until,
      citation: r.citation, name_as_listed: r.name_as_listed,
      source_ids: coalesce(r.source_ids, [])} END) AS designations
  }
  CALL (v) {
    OPTIONAL MATCH p = (m:Entity)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY|AFFILIATE_OF*1..3]->(v)
    WHERE $known_before IS NULL AND m <> v AND all(e IN relationships(p) WHERE coalesce(e.since, '') <= $as_of
            AND (e.until IS NULL OR e.until > $as_of)
            AND e.decided_from IS NOT NULL AND e.decided_from <= $as_of)
    WITH m, min(length(p)) AS hops, head(collect([e IN relationships(p) | {
           type: type(e), start: startNode(e).id, end: endNode(e).id,
           source_ids: coalesce(e.source_ids, [])}])) AS via
    WHERE m IS NOT NULL
    MATCH (m)-[r:LISTED_ON]->(l:List)
    WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
      AND r.decided_from IS NOT NULL AND r.decided_from <= $as_of
    WITH m, hops, via, l, r ORDER BY l.id, r.since, r.fact_id
    WITH m, hops, via, collect({
      list: l {.id, .name, labels: labels(l)}, since: r.since, until: r.until,
      citation: r.citation, name_as_listed: r.name_as_listed,
      source_ids: coalesce(r.source_ids, [])}) AS designations
    ORDER BY hops, m.name, m.id
    RETURN collect({entity: m {.id, .name, labels: labels(m)}, hops: hops, via: via,
                    designations: designations}) AS members
  }
  WITH v, claims, designations, members
  WHERE NOT $listed OR size(designations) > 0 OR size(members) > 0
  ORDER BY v.name, v.id
  RETURN collect({entity: v {.id, .name, labels: labels(v)}, claims: claims,
                  designations: designations, members: members}) AS items
}
WITH s, items, size(items) AS total, items[$offset..($offset + $limit)] AS page
WITH s, total, page,
     coalesce(s.source_ids, [])
     + reduce(acc = [], x IN page |
         acc + reduce(a = [], c IN x.claims | a + c.source_ids)
             + reduce(a = [], d IN x.designations | a + d.source_ids)
             + reduce(a = [], mm IN x.members |
                 a + reduce(b = [], d IN mm.designations | b + d.source_ids)
                   + reduce(b = [], e IN mm.via | b + e.source_ids))) AS sids
CALL (sids) {
  OPTIONAL MATCH (src:Source) WHERE src.id IN sids
  RETURN collect(src {.*}) AS sources
}
RETURN s {.*} AS sector, total, page AS results, sources
