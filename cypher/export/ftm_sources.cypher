// Sources to export as FtM documents (all, or those whose ids are given).
MATCH (s:Source)
WHERE $ids IS NULL OR s.id IN $ids
RETURN s.id AS id, properties(s) AS props
ORDER BY s.id
