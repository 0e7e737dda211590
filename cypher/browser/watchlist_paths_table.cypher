// A watchlist's exposure paths as a table: per member, each listed owner or controller up its
// ownership and control paths (at most 4 steps), the stakes along the path (the source's
// words; '?' where none is stated), that owner's lists and their scope rules.
// In Neo4j Browser first run:  :param watchlist => 'wl-example'
MATCH (w:Watchlist {id: $watchlist})
UNWIND w.members AS member_id
MATCH (m:Entity {id: member_id})
MATCH up = (m)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY*1..4]->(o:Entity)
WHERE EXISTS { (o)-[:LISTED_ON]->(:List) }
WITH m, o, up, [r IN relationships(up) | type(r) + ' ' + coalesce(r.share_text, '?')] AS stakes
// Among the shortest paths (two sources may cite one holding side by side), the one stating
// the most stakes, then by its stakes' text, so the answer is the same on every run.
WITH m, o, up, stakes
  ORDER BY length(up), size([s IN stakes WHERE s ENDS WITH ' ?']), stakes
WITH m, o, collect({steps: length(up), stakes: stakes})[0] AS best
RETURN m.name AS member, o.name AS listed_owner, best.steps AS steps, best.stakes AS stakes,
       COLLECT { MATCH (o)-[:LISTED_ON]->(l:List) RETURN DISTINCT l.short_name } AS lists,
       COLLECT { MATCH (o)-[:LISTED_ON]->(:List)<-[:SCOPE_OF]-(r:Rule) RETURN DISTINCT r.id }
         AS rules
ORDER BY member, steps, listed_owner
