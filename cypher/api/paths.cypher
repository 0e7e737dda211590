// All shortest paths between two entities, over the relationship types in $rels only (the
// API checks them against a fixed whitelist), at most $max_hops long (6 is the hard ceiling),
// at most $probe paths (the API asks for its cap + 1 to know whether it truncated). A path
// never runs *through* a designation list: two companies on the same list are not thereby
// connected, and a list with tens of thousands of entries would swamp the search (paths to a
// list are api_paths_to_list). As of day $as_of: designations, ownership and control edges and
// list-stated links ($dated_types, graph.model.DATED_TYPES) are only followed when
// in force that day (since <= $as_of < until); other relationships are not dated and are always
// followed. A LINKED_TO edge (OFAC's "Linked To") is a link, not ownership: the API says so on it.
// Every edge comes with its type, properties and the Source nodes it cites.
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
CALL (a, b) {
  OPTIONAL MATCH p = ALL SHORTEST (a) ((x)-[r]-(y)
      WHERE type(r) IN $rels AND (NOT y:List OR y = b)
        AND (NOT type(r) IN $dated_types
        OR (coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)))){1,6} (b)
  WITH p WHERE p IS NOT NULL AND length(p) <= $max_hops
  WITH p LIMIT $probe
  RETURN collect({nodes: nodes(p), rels: relationships(p)}) AS ps
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
