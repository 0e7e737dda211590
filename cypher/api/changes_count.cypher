// How many Change records api/changes.cypher would page through (same filters): $since
// (inclusive), $until (exclusive, or null), $list_id (or null), $kinds (or null for all).
MATCH (c:Change)
WHERE c.at >= $since
  AND ($until IS NULL OR c.at < $until)
  AND ($list_id IS NULL OR c.list_id = $list_id)
  AND ($kinds IS NULL OR c.kind IN $kinds)
RETURN count(c) AS total
