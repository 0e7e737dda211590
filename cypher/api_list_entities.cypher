// The entities recorded on one list, with each designation (dates, citation, name as listed,
// in force on $as_of), optionally only those listed on or after $since and on or before
// $until (ISO dates compared as strings). One page with the total and the cited sources.
MATCH (l:List {id: $id})
CALL (l) {
  OPTIONAL MATCH (e:Entity)-[r:LISTED_ON]->(l)
  WHERE ($since IS NULL OR r.since >= $since) AND ($until IS NULL OR r.since <= $until)
  WITH e, r ORDER BY r.since, e.name, e.id
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: e {.id, .name, labels: labels(e)},
    designation: {
      list: l {.id, .name, .short_name},
      props: properties(r),
      in_force: coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
    }
  } END) AS items
}
WITH l, size(items) AS total, items[$offset..($offset + $limit)] AS page
WITH l, total, page,
     reduce(acc = [], x IN page | acc + coalesce(x.designation.props.source_ids, [])) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN l {.id, .name, labels: labels(l)} AS root, total, page AS results, sources
