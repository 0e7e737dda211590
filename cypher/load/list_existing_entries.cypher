// Entries earlier loads (of any source) recorded on these lists, with what they resolved to, so a reload
// compares row hashes (modified), finds entries no longer published (ended) and keeps each
// entry's earlier resolution instead of resolving it again.
MATCH (e:ListEntry)-[:ON_LIST]->(l:List)
WHERE l.id IN $list_ids
CALL (e) {
  OPTIONAL MATCH (e)-[:RESOLVED_TO]->(x:Entity)
  RETURN head(collect(x.id)) AS entity_id
}
CALL (e) {
  OPTIONAL MATCH (ri:ReviewItem {status: 'pending'})-[:ABOUT]->(e)
  RETURN count(ri) > 0 AS pending_review
}
RETURN e.id AS id, l.id AS list_id, e.row_hash AS row_hash, e.name AS name,
       e.ended_by_run IS NOT NULL AS ended, entity_id, pending_review
