// Designations that reach an entity: on itself ('self'), on its owners and controllers up
// the SUBSIDIARY_OF|BRANCH_OF|CONTROLLED_BY chain ('parent'), and on what it owns down that
// chain ('subsidiary'), at most $depth hops (12 is the ceiling of settings.max_depth). Each
// designation comes with the holder, the shortest connecting path (every edge with its
// properties) and the scope rules of its list. Ownership edges ended by $as_of are skipped.
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)-[l:LISTED_ON]->(lst:List)
  RETURN 'self' AS relation, e AS holder, [] AS rels, l, lst
  UNION ALL
  MATCH p = (e)-[:SUBSIDIARY_OF|BRANCH_OF|CONTROLLED_BY*1..12]->(a:Entity)
  WHERE length(p) <= $depth AND a <> e
    AND all(r IN relationships(p) WHERE r.until IS NULL OR r.until > $as_of)
  MATCH (a)-[l:LISTED_ON]->(lst:List)
  RETURN 'parent' AS relation, a AS holder, relationships(p) AS rels, l, lst
  UNION ALL
  MATCH p = (e)<-[:SUBSIDIARY_OF|BRANCH_OF|CONTROLLED_BY*1..12]-(a:Entity)
  WHERE length(p) <= $depth AND a <> e
    AND all(r IN relationships(p) WHERE r.until IS NULL OR r.until > $as_of)
  MATCH (a)-[l:LISTED_ON]->(lst:List)
  RETURN 'subsidiary' AS relation, a AS holder, relationships(p) AS rels, l, lst
}
WITH e, relation, holder, l, lst, rels ORDER BY size(rels)
WITH e, relation, holder, l, lst, collect(rels)[0] AS rels
CALL (lst) {
  OPTIONAL MATCH (rule:Rule)-[:SCOPE_OF]->(lst)
  RETURN collect(rule {.id, .name, .kind, .threshold_share, .status, .from, .until,
                       .citation, .text, .source_ids}) AS rules
}
WITH e, relation, holder, l, lst, rels, rules
ORDER BY CASE relation WHEN 'self' THEN 0 WHEN 'parent' THEN 1 ELSE 2 END,
         size(rels), holder.name, lst.id, l.since
WITH e, collect({
  relation: relation,
  holder: holder {.id, .name, labels: labels(holder)},
  designation: {
    list: lst {.id, .name, .short_name},
    props: properties(l),
    in_force: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
  },
  path: [r IN rels | {type: type(r), start: startNode(r).id, end: endNode(r).id,
                      props: properties(r)}],
  rules: rules
}) AS items
WITH e, size(items) AS total, items[$offset..($offset + $limit)] AS page
WITH e, total, page,
  reduce(acc = [], item IN page |
    acc + reduce(a = [], x IN item.path | a + coalesce(x.props.source_ids, []))
        + coalesce(item.designation.props.source_ids, [])
        + reduce(a = [], r IN item.rules | a + coalesce(r.source_ids, []))
  ) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN e {.id, .name, labels: labels(e)} AS root, total, page AS results, sources
