// A watchlist's exposure paths: for each member, its own listings and every ownership or
// control path (at most 4 steps) up to an owner or controller that is on a list, with that
// owner's listings and the scope rules of those lists (a rule such as the BIS Affiliates Rule
// reaches through the path). Click an edge for its share, dates and source_ids.
// In Neo4j Browser first run:  :param watchlist => 'wl-example'  (the id POST /watchlists
// answered). The API says what changed along these paths: /watchlists/{id}/changes?since=DAY.
MATCH (w:Watchlist {id: $watchlist})
UNWIND w.members AS member_id
MATCH (m:Entity {id: member_id})
CALL (m) {
  OPTIONAL MATCH own = (m)-[:LISTED_ON]->(:List)
  RETURN collect(own) AS own
}
CALL (m) {
  OPTIONAL MATCH up = (m)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY*1..4]->(o:Entity)
  WHERE EXISTS { (o)-[:LISTED_ON]->(:List) }
  OPTIONAL MATCH listing = (o)-[:LISTED_ON]->(l:List)
  OPTIONAL MATCH rule = (:Rule)-[:SCOPE_OF]->(l)
  RETURN collect(up) AS paths, collect(listing) AS listings, collect(rule) AS rules
}
RETURN m, own, paths, listings, rules
