// Every relationship by type, its ends' ids and the key that tells parallel ones apart: the
// shape of the graph, compared across loads.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, b.id AS end,
       coalesce(r.entry_id, r.fact_id, r.key) AS key
