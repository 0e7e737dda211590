// The neighbourhood of an entity for drawing: paths of at most $depth hops (3 is the hard
// ceiling) over the relationship types in $rels (a fixed whitelist checked by the API),
// at most $path_cap paths explored and $edge_cap distinct edges returned.
MATCH (n:Entity {id: $id})
CALL (n) {
  OPTIONAL MATCH p = (n)-[*1..3]-(m)
  WHERE length(p) <= $depth AND all(r IN relationships(p) WHERE type(r) IN $rels)
  WITH p LIMIT $path_cap
  UNWIND CASE WHEN p IS NULL THEN [] ELSE relationships(p) END AS r
  WITH DISTINCT r LIMIT $edge_cap
  RETURN collect(r) AS rels
}
WITH n, rels,
     reduce(acc = [n], r IN rels | acc + [startNode(r), endNode(r)]) AS ns
UNWIND ns AS x
WITH n, rels, collect(DISTINCT x) AS nodes
RETURN n {.id, .name, labels: labels(n)} AS center,
       [x IN nodes | x {.id, .name, labels: labels(x)}] AS nodes,
       [r IN rels | {type: type(r), start: startNode(r).id, end: endNode(r).id,
                     props: properties(r)}] AS edges
