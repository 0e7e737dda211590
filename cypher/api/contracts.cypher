// Contracts, optionally only those a $company is party to (or, with $subsidiaries, one of
// its subsidiaries or branches up to 12 levels down, $subsidiary_types), performed in the Place $region or any
// place PART_OF it, or with a given $status. Each with its parties (role), awarding bodies and
// places, every edge with its sources. One page with the total.
MATCH (c:Contract)
WHERE ($status IS NULL OR c.status = $status)
  AND ($company IS NULL OR EXISTS {
        MATCH (x:Entity)-[:PARTY_TO]->(c)
        WHERE x.id = $company
           OR ($subsidiaries AND EXISTS {
                 (x) ((:Entity)-[:$any($subsidiary_types)]->(:Entity)){1,12}
                 (:Entity {id: $company}) })
      })
  AND ($region IS NULL OR EXISTS {
        (c)-[:PERFORMED_IN]->(:Place)-[:PART_OF*0..12]->(:Place {id: $region}) })
WITH c ORDER BY c.awarded, c.start, c.name, c.id
WITH collect(c) AS cs
WITH size(cs) AS total, cs[$offset..($offset + $limit)] AS page
UNWIND (CASE WHEN size(page) = 0 THEN [null] ELSE page END) AS c
CALL (c) {
  OPTIONAL MATCH (c)-[r:AWARDED_BY|PERFORMED_IN]->(o:Entity)
  WITH r, o ORDER BY type(r), o.name
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: o {.id, .name, labels: labels(o)},
    edge: {type: type(r), start: c.id, end: o.id, props: properties(r)}
  } END) AS links
}
CALL (c) {
  OPTIONAL MATCH (o:Entity)-[r:PARTY_TO]->(c)
  WITH r, o ORDER BY o.name
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: o {.id, .name, labels: labels(o)},
    edge: {type: type(r), start: o.id, end: c.id, props: properties(r)}
  } END) AS parties
}
WITH total, collect(CASE WHEN c IS NOT NULL THEN {
  contract: c {.*, labels: labels(c)},
  parties: parties,
  awarded_by: [x IN links WHERE x.edge.type = 'AWARDED_BY'],
  performed_in: [x IN links WHERE x.edge.type = 'PERFORMED_IN']
} END) AS page
WITH total, page,
  reduce(acc = [], x IN page |
    acc + coalesce(x.contract.source_ids, []) + coalesce(x.contract.status_source_ids, [])
        + reduce(a = [], l IN x.parties + x.awarded_by + x.performed_in |
            a + coalesce(l.edge.props.source_ids, []))) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN total, page AS results, sources
