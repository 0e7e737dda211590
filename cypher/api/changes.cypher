// Changes to designation lists since a date: what list loads added, modified or ended.
// $since: ISO date or datetime (inclusive); $until: ISO date/datetime or null (exclusive);
// $list_id: a list id or null; $kinds: a list of added|modified|ended or null (all);
// $limit and $skip page the answer (newest first).
MATCH (c:Change)
WHERE c.at >= $since
  AND ($until IS NULL OR c.at < $until)
  AND ($list_id IS NULL OR c.list_id = $list_id)
  AND ($kinds IS NULL OR c.kind IN $kinds)
RETURN c.id AS id, c.at AS at, c.kind AS kind, c.entry_id AS entry_id, c.list_id AS list_id,
       c.name AS name, c.run_id AS run_id, c.entity_id AS entity_id
ORDER BY c.at DESC, c.list_id, c.name, c.id
SKIP $skip
LIMIT $limit
