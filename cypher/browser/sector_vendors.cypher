// Which vendors of a sector are listed, and which members of their groups?
// In Neo4j Browser first run:  :param sector => 'sector:video-surveillance'
// Drawn as a graph: each vendor a source puts in the sector (IN_SECTOR, with its quote and
// sources), its designations (LISTED_ON: since, citation), and the listed members of its group
// (ownership, branch, control or a notice's AFFILIATE_OF, at most 3 steps) with theirs.
// The API answers the same for a day: /sectors/{id}/entities?listed=true&as_of=DAY.
MATCH claim = (v:Entity)-[:IN_SECTOR]->(:Sector {id: $sector})
CALL (v) {
  OPTIONAL MATCH listing = (v)-[:LISTED_ON]->(:List)
  RETURN collect(listing) AS listings
}
CALL (v) {
  OPTIONAL MATCH member = (m:Entity)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY|AFFILIATE_OF*1..3]->(v)
  WHERE EXISTS { (m)-[:LISTED_ON]->(:List) }
  OPTIONAL MATCH member_listing = (m)-[:LISTED_ON]->(:List)
  RETURN collect(member) AS members, collect(member_listing) AS member_listings
}
RETURN claim, listings, members, member_listings
