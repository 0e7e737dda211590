// Subsidiaries and branches of an entity, direct and indirect, at most $depth levels down
// (12 is the hard ceiling of settings.max_depth; $depth is the request's own bound). Each
// descendant appears once, with its shortest ownership path up to the root (every edge with
// its properties and sources) and its designations (list, dates, citation, in force on $as_of).
// Ownership edges that ended on or before $as_of are not followed.
// $listed (or a $list id) keeps only descendants with a designation in force (on that list).
// One page ($offset, $limit) is returned with the total and the Source nodes it cites.
MATCH (root:Entity {id: $id})
CALL (root) {
  OPTIONAL MATCH p = (d:Entity)-[:SUBSIDIARY_OF|BRANCH_OF*1..12]->(root)
  WHERE length(p) <= $depth
    AND all(r IN relationships(p) WHERE r.until IS NULL OR r.until > $as_of)
    AND d <> root
  WITH d, p ORDER BY length(p)
  WITH d, collect(p)[0] AS p
  WHERE d IS NOT NULL
  CALL (d) {
    OPTIONAL MATCH (d)-[l:LISTED_ON]->(lst:List)
    WITH l, lst ORDER BY l.since, lst.id
    RETURN collect(CASE WHEN l IS NOT NULL THEN {
      list: lst {.id, .name, .short_name},
      props: properties(l),
      in_force: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
    } END) AS designations
  }
  WITH d, p, designations
  WHERE ($list IS NULL AND NOT $listed)
     OR any(x IN designations WHERE x.in_force AND ($list IS NULL OR x.list.id = $list))
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
        + reduce(a = [], x IN item.designations | a + coalesce(x.props.source_ids, []))
  ) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN root {.id, .name, labels: labels(root)} AS root, total, page AS results, sources
