// Entities to export as FtM (all, or those whose ids are given).
MATCH (n:Entity)
WHERE $ids IS NULL OR n.id IN $ids
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS labels, properties(n) AS props
ORDER BY n.id
