// Whether a one-time migration of graphs loaded by earlier versions has run on this graph.
OPTIONAL MATCH (m:Migration {id: $id})
RETURN m IS NOT NULL AS done
