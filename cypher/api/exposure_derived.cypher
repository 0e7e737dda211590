// What the scope rules of lists need to decide whether they reach an entity through its owners
// on day $as_of (graph/coverage.py decides; nothing here is a listing of the entity):
// * `edges`: every ownership and control edge ($walked_types, graph.model.WALKED_TYPES) in
//   force on $as_of (since <= $as_of < until) going out of the entity or of an owner or
//   controller it reaches upward in fewer than $max_depth such edges: the stakes held in each,
//   so shares of several owners can be added up;
// * `claims`: the designations (LISTED_ON) in force on $as_of of those owners and controllers
//   (the entity's own are its direct exposure, not derived), on lists that have a scope rule
//   ($lists, list ids or null for all, narrows them), each with `decided` (decided_from <=
//   $as_of: a claim dated only vaguely is no sure basis) and the list's snapshot;
// * `rules`: the scope rules of those lists, each with every list it reaches from and its dated
//   versions (RuleVersion nodes);
// * `nodes`: every entity named, for references.
// $known_before (record time, null: now): edges and claims as survgraph held them before that
// instant (closed versions: :FactRecord), a stake with the value it had then.
// One row. Each upward walk is a shortest path per reached entity (ANY SHORTEST), so an entity
// is visited once however many routes reach it, and cycles end.
MATCH (x:Entity {id: $id})
OPTIONAL MATCH p = ANY SHORTEST (x) ((a)-[r:$any($walked_types)]->(b)
    WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
        AND ($known_before IS NULL OR coalesce(r.first_recorded_at, '') < $known_before)){1,12} (o:Entity)
WHERE length(p) <= $max_depth
WITH x, collect(DISTINCT {node: o, depth: length(p)}) AS up
WITH x, [u IN up WHERE u.node IS NOT NULL] AS up
WITH x, [x] + [u IN up WHERE u.depth < $max_depth | u.node] AS inner, [u IN up | u.node] AS owners
CALL (inner) {
  UNWIND inner AS n
  MATCH (n)-[r:$any($walked_types)]->(o:Entity)
  WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
        AND ($known_before IS NULL OR coalesce(r.first_recorded_at, '') < $known_before)
  // the stake as it was recorded then: a closed version of the edge, if one held at the time
  OPTIONAL CALL (r) {
    MATCH (f:FactRecord {fact_id: r.fact_id})
    WHERE $known_before IS NOT NULL AND coalesce(r.recorded_at, '') >= $known_before
      AND coalesce(f.recorded_at, '') < $known_before AND f.recorded_until >= $known_before
    RETURN properties(f) AS then LIMIT 1
  }
  RETURN collect(DISTINCT {type: type(r), start: n.id, end: o.id,
                           props: coalesce(then, properties(r))}) AS edges
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
RETURN x {.id, .name, labels: labels(x)} AS entity, edges, claims, rules,
       [n IN owners | n {.id, .name, labels: labels(n)}] AS nodes
