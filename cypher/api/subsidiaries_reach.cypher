// What a scope rule needs to decide which entities under a root it reaches on day $as_of
// (/entities/{id}/subsidiaries?reached_by=RULE; graph/coverage.py decides):
// * `group`: every entity the root owns or controls, directly or indirectly, at most $depth
//   edges down ($walked_types, graph.model.WALKED_TYPES, in force on $as_of), with its depth;
// * `edges`: every such edge in force going out of the root, of a group member, or of an
//   owner or controller one of them reaches upward in fewer than $depth edges: the stakes held
//   in each, also by owners outside the group, so shares of several owners add up;
// * `claims`: the designations (LISTED_ON) in force on $as_of, on the rule's lists, of every
//   entity named (the root and the group included), each with `decided` (decided_from <=
//   $as_of) and the list's snapshot;
// * `rule`: the rule ($rule) with its lists and dated versions; `nodes`: every entity named.
// One row; no row when the root or the rule does not exist. Walks are shortest paths per
// reached entity (ANY SHORTEST), so an entity is visited once and cycles end.
MATCH (root:Entity {id: $id})
MATCH (rule:Rule {id: $rule})
OPTIONAL MATCH p = ANY SHORTEST (d:Entity) ((a)-[r:$any($walked_types)]->(b)
    WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)){1,12} (root)
WHERE length(p) <= $depth AND d <> root
WITH root, rule, collect({node: d, depth: length(p)}) AS down
WITH root, rule, [x IN down WHERE x.node IS NOT NULL] AS down
CALL (root, down) {
  UNWIND [root] + [x IN down | x.node] AS s
  OPTIONAL MATCH q = ANY SHORTEST (s) ((a)-[r:$any($walked_types)]->(b)
      WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)){1,12} (o:Entity)
  WHERE length(q) < $depth
  WITH s, collect(o) AS up
  UNWIND [s] + up AS n
  WITH DISTINCT n WHERE n IS NOT NULL
  MATCH (n)-[r:$any($walked_types)]->(o:Entity)
  WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
  RETURN collect(DISTINCT {type: type(r), start: n.id, end: o.id, props: properties(r)}) AS edges,
         collect(DISTINCT o) + collect(DISTINCT n) AS named
}
CALL (rule, named) {
  UNWIND named AS n
  WITH DISTINCT n
  MATCH (n)-[l:LISTED_ON]->(lst:List)<-[:SCOPE_OF]-(rule)
  WHERE coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
  WITH n, l, lst ORDER BY n.id, lst.id, l.since, l.fact_id
  RETURN collect({
    entity: n.id,
    list: lst {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
               .entry_count},
    props: properties(l),
    in_force: true,
    decided: l.decided_from IS NOT NULL AND l.decided_from <= $as_of
  }) AS claims
}
WITH root, rule, down, edges, claims, named
UNWIND (CASE WHEN size(named) = 0 THEN [null] ELSE named END) AS n
WITH root, rule, down, edges, claims, collect(DISTINCT n {.id, .name, labels: labels(n)}) AS nodes
RETURN root {.id, .name, labels: labels(root)} AS root,
       [x IN down | {id: x.node.id, depth: x.depth}] AS group,
       edges, claims, nodes,
       rule {.*,
         lists: COLLECT { MATCH (rule)-[:SCOPE_OF]->(l:List) RETURN l.id ORDER BY l.id },
         versions: COLLECT { MATCH (v:RuleVersion)-[:VERSION_OF]->(rule) RETURN v {.*} ORDER BY v.from }
       } AS rule
