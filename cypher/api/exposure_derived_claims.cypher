// What the scope rules of lists need, beside the ownership walk (api/exposure_derived.cypher or,
// for a `known_at` answer, api/edges_known.cypher level by level), to decide whether they
// reach an entity through the owners and controllers of $owners (entity ids) on day $as_of:
// * `claims`: the designations (LISTED_ON) in force on $as_of of those owners and controllers
//   (the entity's own are its direct exposure, not derived), on lists that have a scope rule
//   ($lists, list ids or null for all, narrows them), each with `decided` (decided_from <=
//   $as_of: a claim dated only vaguely is no sure basis) and the list's snapshot;
// * `rules`: the scope rules of those lists, each with every list it reaches from and its dated
//   versions (RuleVersion nodes).
// $known_before (record time, null: now): claims and rule versions as survgraph held them
// before that instant (closed versions: :FactRecord). One row.
CALL () {
  MATCH (n:Entity) WHERE n.id IN $owners
  RETURN collect(n) AS owners
}
CALL (owners) {
  UNWIND owners AS n
  CALL (n) {
    MATCH (n)-[r:LISTED_ON]->(lst:List)
    WHERE $known_before IS NULL OR coalesce(r.recorded_at, '') < $known_before
    RETURN properties(r) AS l, lst
    UNION ALL
    MATCH (f:FactRecord {fact_start: n.id, fact_type: 'LISTED_ON'})
    WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
      AND f.recorded_until >= $known_before
    MATCH (lst:List {id: f.fact_end})
    RETURN properties(f) AS l, lst
  }
  WITH n, l, lst WHERE EXISTS { (lst)<-[:SCOPE_OF]-(:Rule) }
    AND coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
    AND ($lists IS NULL OR lst.id IN $lists)
  WITH DISTINCT n, l, lst ORDER BY n.id, lst.id, l.since, l.fact_id
  RETURN collect({
    entity: n.id,
    list: lst {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
               .entry_count},
    props: properties(l),
    in_force: true,
    decided: l.decided_from IS NOT NULL AND l.decided_from <= $as_of
  }) AS claims
}
CALL (claims) {
  UNWIND claims AS c
  MATCH (rule:Rule)-[:SCOPE_OF]->(:List {id: c.list.id})
  WITH DISTINCT rule ORDER BY rule.id
  RETURN collect(rule {.*,
    lists: COLLECT { MATCH (rule)-[:SCOPE_OF]->(l:List) RETURN l.id ORDER BY l.id },
    versions: COLLECT {
      CALL (rule) {
        MATCH (v:RuleVersion)-[:VERSION_OF]->(rule)
        WHERE $known_before IS NULL OR coalesce(v.recorded_at, '') < $known_before
        RETURN v {.*} AS v
        UNION ALL
        MATCH (f:FactRecord {fact_start: rule.id, fact_type: 'RuleVersion'})
        WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
          AND f.recorded_until >= $known_before
        RETURN f {.*} AS v
      }
      RETURN v ORDER BY v.from
    }
  }) AS rules
}
RETURN claims, rules
