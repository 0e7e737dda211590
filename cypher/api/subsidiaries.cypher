// Subsidiaries, branches, holdings and controlled entities of an entity on day $as_of, direct
// and indirect, at most $depth levels down (12 is the hard ceiling of settings.max_depth; $depth
// is the request's own bound), over the edge types $walked_types (graph.model.WALKED_TYPES:
// ownership and control; every edge says which it is). Only edges in force on $as_of are
// followed (since <= $as_of < until). Each
// descendant appears once, with its shortest ownership path up to the root (every edge with its
// properties and sources) and the claims of its designations (LISTED_ON), each with `in_force`
// (since <= $as_of < until) and `decided` (in force and decided_from <= $as_of, see
// api/entity.cypher), and the list's snapshot. $lists (list ids, or null for all) narrows the
// designations considered; $listed keeps only descendants with a decided designation in force
// on one of them. Designations are the entity's own LISTED_ON only: coverage derived through a
// scope rule is not a listing. One page ($offset, $limit) with the total and the Source nodes.
MATCH (root:Entity {id: $id})
CALL (root) {
  // a quantified path: Neo4j 5.26 ignores dynamic types in a variable-length pattern
  OPTIONAL MATCH p = (d:Entity) ((:Entity)-[hop:$any($walked_types)]->(:Entity)
      WHERE coalesce(hop.since, '') <= $as_of AND (hop.until IS NULL OR hop.until > $as_of)){1,12} (root)
  WHERE length(p) <= $depth
    AND d <> root
    // cheap necessary condition first, so only possibly listed descendants get a path and
    // their designations read; the exact test (decided, in force, on $lists) follows below
    AND (NOT $listed OR EXISTS { (d)-[:LISTED_ON]->() })
  // the shortest path, and among those the one with the fewest control edges ($control_types):
  // where a source states ownership, the path shows it
  WITH d, p ORDER BY length(p), size([r IN relationships(p) WHERE type(r) IN $control_types]),
    [r IN relationships(p) | coalesce(r.fact_id, '')]
  WITH d, collect(p)[0] AS p
  WHERE d IS NOT NULL
  CALL (d) {
    OPTIONAL MATCH (d)-[l:LISTED_ON]->(lst:List)
    WHERE $lists IS NULL OR lst.id IN $lists
    WITH l, lst ORDER BY lst.id, l.since, l.fact_id
    RETURN collect(CASE WHEN l IS NOT NULL THEN {
      list: lst {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
                 .entry_count},
      props: properties(l),
      in_force: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of),
      decided: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
        AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
    } END) AS designations
  }
  WITH d, p, designations
  WHERE NOT $listed OR any(x IN designations WHERE x.decided)
  WITH d, p, designations ORDER BY length(p), d.name, d.id
  RETURN collect({
    entity: d {.id, .name, labels: labels(d)},
    depth: length(p),
    path: [r IN relationships(p) |
      {type: type(r), start: startNode(r).id, end: endNode(r).id, props: properties(r)}],
    designations: designations
  }) AS items
}
WITH root, size(items) AS total, items[$offset..($offset + $limit)] AS page
WITH root, total, page,
  reduce(acc = [], item IN page |
    acc + reduce(a = [], e IN item.path | a + coalesce(e.props.source_ids, []))
        + reduce(a = [], x IN item.designations |
            a + coalesce(x.props.source_ids, [])
              + [v IN [x.list.snapshot_source_id] WHERE v IS NOT NULL])
  ) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN root {.id, .name, labels: labels(root)} AS root, total, page AS results, sources
