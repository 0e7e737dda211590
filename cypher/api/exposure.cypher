// Designations around an entity on day $as_of: its own ('self'), those of its owners and
// controllers up the ownership and control chain ($walked_types, graph.model.WALKED_TYPES:
// 'parent'), and those of what it owns down that chain ('subsidiary'), at most $depth hops (12 is the ceiling of
// settings.max_depth), following only ownership edges in force on $as_of. $lists (list ids or
// null) narrows the lists considered. One item per (relation, holder, list): every claim
// (LISTED_ON) with `in_force` and `decided` (see api/entity.cypher), the list's snapshot, the
// shortest connecting path (every edge with its properties) and the list's scope rules.
// `own` repeats the 'self' items outside the page (the answer's `direct` headline).
// As held now: a `known_at` answer walks level by level instead (api/queries/as_known.py,
// api/edges_known.cypher, api/exposure_holders.cypher), since an edge deleted since is no
// longer here for a path pattern to follow.
// Whether a rule reaches the entity itself is decided elsewhere (api/exposure_derived.cypher and
// graph/coverage.py): nothing here says the entity is listed unless relation = 'self'.
MATCH (e:Entity {id: $id})
// every item is gathered inside one subquery, so an entity with no designation around it is
// still one row (no items), not none (which would read as an unknown id)
CALL (e) {
  CALL (e) {
    MATCH (e)-[r:LISTED_ON]->(lst:List)
    WITH e, properties(r) AS l, lst
    WITH e, l, lst WHERE $lists IS NULL OR lst.id IN $lists
    RETURN 'self' AS relation, e AS holder, [] AS rels, l, lst
    UNION ALL
    MATCH p = (e) ((:Entity)-[hop:$any($walked_types)]->(:Entity)
        WHERE coalesce(hop.since, '') <= $as_of AND (hop.until IS NULL OR hop.until > $as_of)){1,12}
        (a:Entity)
    WHERE length(p) <= $depth AND a <> e
    MATCH (a)-[r:LISTED_ON]->(lst:List)
    WITH a, p, properties(r) AS l, lst
    WITH a, p, l, lst WHERE $lists IS NULL OR lst.id IN $lists
    RETURN 'parent' AS relation, a AS holder, relationships(p) AS rels, l, lst
    UNION ALL
    MATCH p = (e) ((:Entity)<-[hop:$any($walked_types)]-(:Entity)
        WHERE coalesce(hop.since, '') <= $as_of AND (hop.until IS NULL OR hop.until > $as_of)){1,12}
        (a:Entity)
    WHERE length(p) <= $depth AND a <> e
    MATCH (a)-[r:LISTED_ON]->(lst:List)
    WITH a, p, properties(r) AS l, lst
    WITH a, p, l, lst WHERE $lists IS NULL OR lst.id IN $lists
    RETURN 'subsidiary' AS relation, a AS holder, relationships(p) AS rels, l, lst
  }
  // the shortest path; among equally short ones the first by its edges' fact ids (not the
  // plan's order, which changes with the store's statistics: one answer for the same data)
  WITH relation, holder, l, lst, rels ORDER BY size(rels), [x IN rels | coalesce(x.fact_id, '')]
  WITH relation, holder, l, lst, collect(rels)[0] AS rels
  WITH relation, holder, lst, rels, l ORDER BY l.since, l.fact_id
  WITH relation, holder, lst, collect(rels)[0] AS rels, collect({
      list: lst {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
                 .entry_count},
      props: properties(l),
      in_force: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of),
      decided: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
        AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
    }) AS claims
  CALL (lst) {
    OPTIONAL MATCH (rule:Rule)-[:SCOPE_OF]->(lst)
    RETURN collect(rule {.*}) AS rules
  }
  WITH relation, holder, lst, rels, claims, rules
  ORDER BY CASE relation WHEN 'self' THEN 0 WHEN 'parent' THEN 1 ELSE 2 END,
           size(rels), holder.name, holder.id, lst.id
  RETURN collect({
    relation: relation,
    holder: holder {.id, .name, labels: labels(holder)},
    claims: claims,
    path: [r IN rels | {type: type(r), start: startNode(r).id, end: endNode(r).id,
                        props: properties(r)}],
    rules: rules
  }) AS items
}
WITH e, size(items) AS total, items[$offset..($offset + $limit)] AS page,
     [x IN items WHERE x.relation = 'self'] AS own
WITH e, total, page, own,
  reduce(acc = [], item IN page + own |
    acc + reduce(a = [], x IN item.path | a + coalesce(x.props.source_ids, []))
        + reduce(a = [], c IN item.claims |
            a + coalesce(c.props.source_ids, [])
              + [v IN [c.list.snapshot_source_id] WHERE v IS NOT NULL])
        + reduce(a = [], r IN item.rules | a + coalesce(r.source_ids, []))
  ) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN e {.id, .name, labels: labels(e)} AS root, total, page AS results, own, sources
