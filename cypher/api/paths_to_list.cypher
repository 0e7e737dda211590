// All shortest paths from an entity to a designation list: along the relationship types in
// $rels (ownership, branches, control, places, contracts...) to an entity that is LISTED_ON the
// list, then that designation. The search runs outward from the entity and never through
// another list, so a list's tens of thousands of entries do not swamp it. At most $max_hops
// long (6 is the hard ceiling), at most $probe paths. As of day $as_of: the dated edges
// ($dated_types, graph.model.DATED_TYPES: ownership, control, LINKED_TO) count when in force
// that day; the final designation must be in force with a since date precise enough to decide
// that day (decided_from <= $as_of), as in api/entity.cypher. Every edge comes with its type,
// properties and the Source nodes it cites.
MATCH (a:Entity {id: $from})
MATCH (b:List {id: $to})
CALL (a, b) {
  OPTIONAL MATCH p = ALL SHORTEST (a) ((x)-[r]-(y)
      WHERE type(r) IN $rels AND type(r) <> 'LISTED_ON' AND NOT y:List
        AND (NOT type(r) IN $dated_types
        OR (coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)))){0,5} (z)
  WHERE 'LISTED_ON' IN $rels AND EXISTS {
    MATCH (z)-[l:LISTED_ON]->(b)
    WHERE coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
    AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
  }
  WITH b, p WHERE p IS NOT NULL AND length(p) + 1 <= $max_hops
  WITH b, collect(p) AS found
  WITH b, found, reduce(m = 99, q IN found | CASE WHEN length(q) < m THEN length(q) ELSE m END)
    AS shortest
  UNWIND [q IN found WHERE length(q) = shortest] AS p
  WITH b, p, last(nodes(p)) AS z
  MATCH (z)-[l:LISTED_ON]->(b)
  WHERE coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
    AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
  WITH p, l LIMIT $probe
  RETURN collect({nodes: nodes(p) + [endNode(l)], rels: relationships(p) + [l]}) AS ps
}
WITH a, b, [p IN ps | {
  nodes: [n IN p.nodes | n {.id, .name, labels: labels(n)}],
  edges: [r IN p.rels |
    {type: type(r), start: startNode(r).id, end: endNode(r).id, props: properties(r)}]
}] AS paths
WITH a, b, paths,
  reduce(acc = [], x IN paths |
    acc + reduce(s = [], e IN x.edges | s + coalesce(e.props.source_ids, []))) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN a {.id, .name, labels: labels(a)} AS source, b {.id, .name, labels: labels(b)} AS target,
       paths, sources
