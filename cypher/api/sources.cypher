// The Source nodes with the given ids ($ids), to resolve citations of rows that other
// statements return (timeline events, derived paths, rules, changes).
MATCH (s:Source) WHERE s.id IN $ids
RETURN s {.*} AS source
