// One source and what it supports: the nodes (entities, rules) and relationships whose
// source_ids (or status_source_ids) contain it, and what MENTIONED_IN it. Each part capped at
// $cap items, with its full count. Scanning relationships by property is a full scan: the
// API runs this with its query timeout.
MATCH (s:Source {id: $id})
CALL (s) {
  OPTIONAL MATCH (n)
  WHERE (n:Entity OR n:Rule)
    AND ($id IN coalesce(n.source_ids, []) OR $id IN coalesce(n.status_source_ids, []))
  WITH n ORDER BY n.id
  RETURN count(n) AS nodes_total,
         collect(n {.id, .name, labels: labels(n)})[..$cap] AS nodes
}
CALL (s) {
  OPTIONAL MATCH (a)-[r]->(b)
  WHERE $id IN coalesce(r.source_ids, []) OR (type(r) = 'MENTIONED_IN' AND b = s)
  WITH a, r, b ORDER BY type(r), a.id, b.id
  RETURN count(r) AS edges_total,
         collect(CASE WHEN r IS NOT NULL THEN
           {type: type(r), start: a.id, end: b.id, props: properties(r)} END)[..$cap] AS edges
}
RETURN s {.*} AS source, nodes_total, nodes, edges_total, edges
