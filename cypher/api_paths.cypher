// All shortest paths between two entities (an entity and a list are both :Entity), over the
// relationship types in $rels only (the API checks them against a fixed whitelist), at most
// $max_hops long (6 is the hard ceiling), at most $probe paths (the API asks for its cap + 1
// to know whether it truncated). Every edge comes with its type, properties and the Source
// nodes it cites. As of day $as_of: designations (LISTED_ON) and ownership edges
// (SUBSIDIARY_OF, BRANCH_OF, CONTROLLED_BY) are only followed when in force that day (since <=
// $as_of < until; a LISTED_ON also needs a since date precise enough to decide that day, see
// api_entity.cypher); other relationships are not dated and are always followed.
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
CALL (a, b) {
  MATCH p = allShortestPaths((a)-[*..6]-(b))
  WHERE all(r IN relationships(p) WHERE type(r) IN $rels
            AND (NOT type(r) IN ['LISTED_ON', 'SUBSIDIARY_OF', 'BRANCH_OF', 'CONTROLLED_BY']
                 OR (coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
                     AND (type(r) <> 'LISTED_ON' OR r.since IS NULL
                          OR NOT coalesce(r.since_precision, 'day')
                                 IN ['year', 'month', 'approximate', 'after']
                          OR (r.since_precision = 'year'
                              AND toString(date(r.since) + duration('P1Y')) <= $as_of)
                          OR (r.since_precision = 'month'
                              AND toString(date(r.since) + duration('P1M')) <= $as_of)))))
  WITH p WHERE length(p) <= $max_hops
  WITH p LIMIT $probe
  RETURN collect(p) AS ps
}
WITH a, b, [p IN ps | {
  nodes: [n IN nodes(p) | n {.id, .name, labels: labels(n)}],
  edges: [r IN relationships(p) |
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
