// Relationship facts to export as FtM: between exported entities, and from them to sources.
MATCH (a:Entity)-[r]->(b)
WHERE (b:Entity OR b:Source) AND r.fact_id IS NOT NULL
  AND ($ids IS NULL OR (a.id IN $ids AND (b:Source OR b.id IN $ids)))
RETURN a.id AS start, b.id AS end, type(r) AS type, properties(r) AS props
ORDER BY r.fact_id
