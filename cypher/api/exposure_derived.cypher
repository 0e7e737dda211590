// The ownership and control walk the scope rules of lists need to decide whether they reach an
// entity through its owners on day $as_of (graph/coverage.py decides; nothing here is a
// listing of the entity): `edges`, every ownership and control edge ($walked_types,
// graph.model.WALKED_TYPES) in force on $as_of (since <= $as_of < until) going out of the
// entity or of an owner or controller it reaches upward in fewer than $max_depth such edges
// (the stakes held in each, so shares of several owners can be added up); `owners`, every
// entity reached in at most $max_depth edges, with its depth; `nodes`, those entities for
// references. The designations and rules of the owners: api/exposure_derived_claims.cypher.
// Edges as held now: a `known_at` answer walks cypher/api/edges_known.cypher level by
// level instead (an edge deleted since is no longer here to walk).
// One row. Each upward walk is a shortest path per reached entity (ANY SHORTEST), so an entity
// is visited once however many routes reach it, and cycles end.
MATCH (x:Entity {id: $id})
OPTIONAL MATCH p = ANY SHORTEST (x) ((a)-[r:$any($walked_types)]->(b)
    WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)){1,12} (o:Entity)
WHERE length(p) <= $max_depth
WITH x, collect(DISTINCT {node: o, depth: length(p)}) AS up
WITH x, [u IN up WHERE u.node IS NOT NULL] AS up
WITH x, up, [x] + [u IN up WHERE u.depth < $max_depth | u.node] AS inner
CALL (inner) {
  UNWIND inner AS n
  MATCH (n)-[r:$any($walked_types)]->(o:Entity)
  WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
  RETURN collect(DISTINCT {type: type(r), start: n.id, end: o.id, props: properties(r)}) AS edges
}
WITH x, edges, up, [u IN up | u.node] AS reached
RETURN x {.id, .name, labels: labels(x)} AS entity, edges,
       [u IN up | {id: u.node.id, depth: u.depth}] AS owners,
       [n IN reached | n {.id, .name, labels: labels(n)}] AS nodes
