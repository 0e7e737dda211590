// Tests: make the graph look as an earlier version left it (no decided_from, no migration).
MATCH ()-[r:LISTED_ON]->()
REMOVE r.decided_from
WITH count(r) AS forgotten
OPTIONAL MATCH (m:Migration {id: 'decided_from'})
DETACH DELETE m
RETURN forgotten
