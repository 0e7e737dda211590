// What loads changed, from $since (inclusive) to $until (exclusive, or null), in the facts on a
// member's ownership and exposure paths (record time: graph.model.RECORD_KEYS), beside the
// listing changes of watchlist/changes.cypher. For each member ($members) and each entity it
// reaches up its ownership and control paths ($walked_types, any edge that ever held, at most
// $max_depth hops, the shortest path each), the member itself included:
// * 'edge_added': an ownership or control fact going up from it first recorded in the window;
// * 'edge_closed': a version of such a fact closed in the window (:FactRecord), with the one
//   that replaced it (`next`: a later closed version or the fact as it stands; null when the
//   load removed it);
// * 'rule_version' / 'rule_version_removed': for an entity up the path (not the member: a
//   scope rule reaches through owners), a dated version of a scope rule of a list it is on,
//   recorded or removed in the window, with the version it replaced.
UNWIND $members AS member_id
MATCH (m:Entity {id: member_id})
OPTIONAL MATCH p = ANY SHORTEST (m) ((a)-[r:$any($walked_types)]->(b)){1,12} (o:Entity)
WHERE length(p) <= $max_depth
WITH m, collect(CASE WHEN o IS NULL THEN null ELSE {node: o, path: [x IN relationships(p) | {
       type: type(x), start: startNode(x).id, end: endNode(x).id,
       source_ids: coalesce(x.source_ids, []), share: x.share_text}]} END) AS up
UNWIND [{node: m, path: []}] + up AS reached
WITH m, reached.node AS n, reached.path AS path
CALL (m, n) {
  MATCH (n)-[r:$any($walked_types)]->(o:Entity)
  WHERE r.first_recorded_at >= $since AND ($until IS NULL OR r.first_recorded_at < $until)
  RETURN 'edge_added' AS what, r.first_recorded_at AS at, type(r) AS type, o.id AS other,
         o.name AS other_name, r.fact_id AS key, null AS before, properties(r) AS after
  UNION ALL
  MATCH (f:FactRecord {fact_start: n.id})
  WHERE f.fact_type IN $walked_types AND f.recorded_until >= $since
    AND ($until IS NULL OR f.recorded_until < $until)
  OPTIONAL MATCH (o:Entity {id: f.fact_end})
  CALL (n, f) {
    OPTIONAL MATCH (g:FactRecord {fact_id: f.fact_id})
    WHERE g.recorded_at = f.recorded_until
    OPTIONAL MATCH (n)-[r:$any($walked_types)]->(:Entity {id: f.fact_end})
    WHERE r.fact_id = f.fact_id AND r.recorded_at = f.recorded_until
    RETURN coalesce(properties(g), properties(r)) AS next LIMIT 1
  }
  RETURN 'edge_closed' AS what, f.recorded_until AS at, f.fact_type AS type, f.fact_end AS other,
         o.name AS other_name, f.fact_id AS key, properties(f) AS before, next AS after
  UNION ALL
  MATCH (n)-[:LISTED_ON]->(:List)<-[:SCOPE_OF]-(rule:Rule)
  WHERE n <> m
  WITH DISTINCT n, rule
  MATCH (v:RuleVersion)-[:VERSION_OF]->(rule)
  WHERE v.recorded_at >= $since AND ($until IS NULL OR v.recorded_at < $until)
  OPTIONAL CALL (v) {
    MATCH (f:FactRecord {fact_end: v.id})
    WHERE f.fact_type = 'RuleVersion' AND f.recorded_until = v.recorded_at
    RETURN properties(f) AS was LIMIT 1
  }
  RETURN 'rule_version' AS what, v.recorded_at AS at, 'RuleVersion' AS type, rule.id AS other,
         rule.name AS other_name, v.id AS key, was AS before, properties(v) AS after
  UNION ALL
  MATCH (n)-[:LISTED_ON]->(:List)<-[:SCOPE_OF]-(rule:Rule)
  WHERE n <> m
  WITH DISTINCT rule
  MATCH (f:FactRecord {fact_start: rule.id})
  WHERE f.fact_type = 'RuleVersion' AND f.end_kind = 'removed' AND f.recorded_until >= $since
    AND ($until IS NULL OR f.recorded_until < $until)
  RETURN 'rule_version_removed' AS what, f.recorded_until AS at, 'RuleVersion' AS type,
         rule.id AS other, rule.name AS other_name, f.fact_end AS key, properties(f) AS before,
         null AS after
}
RETURN m {.id, .name} AS member, n {.id, .name} AS entity, path, what, at, type, other,
       other_name, key, before, after
ORDER BY at, member.id, size(path), key
