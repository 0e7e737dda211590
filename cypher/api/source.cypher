// One source and what it supports: the nodes (entities, rules) and relationships whose
// source_ids (or status_source_ids) contain it, and what MENTIONED_IN it. Each part capped at
// $cap items, with its full count. Scanning relationships by property is a full scan: the
// API runs this with its query timeout. A source is found by its id or by an id it had
// before (`former_ids`: a list snapshot the provenance migration renamed).
CALL () {
  MATCH (s:Source {id: $id}) RETURN s
  UNION
  MATCH (s:Source) WHERE $id IN coalesce(s.former_ids, []) RETURN s
}
WITH s, s.id AS sid LIMIT 1
CALL (s, sid) {
  OPTIONAL MATCH (n)
  WHERE (n:Entity OR n:Rule)
    AND (sid IN coalesce(n.source_ids, []) OR sid IN coalesce(n.status_source_ids, []))
  WITH n ORDER BY n.id
  RETURN count(n) AS nodes_total,
         collect(n {.id, .name, labels: labels(n)})[..$cap] AS nodes
}
CALL (s, sid) {
  OPTIONAL MATCH (a)-[r]->(b)
  WHERE sid IN coalesce(r.source_ids, []) OR (type(r) = 'MENTIONED_IN' AND b = s)
  WITH a, r, b ORDER BY type(r), a.id, b.id
  RETURN count(r) AS edges_total,
         collect(CASE WHEN r IS NOT NULL THEN
           {type: type(r), start: a.id, end: b.id, props: properties(r)} END)[..$cap] AS edges
}
RETURN s {.*} AS source, nodes_total, nodes, edges_total, edges
