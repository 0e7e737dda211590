// One entity with everything a reader needs to quote it, as of day $as_of: its properties and
// labels, every claim of a designation (LISTED_ON; one designation may have several claims from
// different sources) with `in_force` (since <= $as_of < until) and `decided` (in force AND
// decided_from <= $as_of: decided_from, written on the claim when it was loaded by
// graph.model.decided_from, is the first day its since date is precise enough; null: never), the
// list's snapshot (loaded_at, snapshot_source_id), its owners/controllers by edges in force on
// $as_of ($walked_types: graph.model.WALKED_TYPES), how many entities it owns or controls on
// $as_of (direct, and in all up to $depth levels, as /subsidiaries walks), its contracts, its other outgoing relations, the parties of a contract, the parties
// a list links it to or from (LINKED_TO, OFAC's "Linked To": not ownership), and the Source
// nodes all of these cite (list snapshots included). $known_before (record time, null: now):
// the claims as survgraph held them before that instant, closed versions (:FactRecord)
// included, and only ownership edges it had recorded by then (edges deleted since are not here
// to walk: api/queries/entities.py then takes parents and counts from
// api/edges_known.cypher).
MATCH (n:Entity {id: $id})
CALL (n) {
  CALL (n) {
    MATCH (n)-[r:LISTED_ON]->(lst:List)
    WHERE $known_before IS NULL OR coalesce(r.recorded_at, '') < $known_before
    RETURN properties(r) AS l, lst
    UNION ALL
    MATCH (f:FactRecord {fact_start: n.id, fact_type: 'LISTED_ON'})
    WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
      AND f.recorded_until >= $known_before
    MATCH (lst:List {id: f.fact_end})
    RETURN properties(f) AS l, lst
  }
  WITH l, lst ORDER BY l.since, lst.id
  RETURN collect(CASE WHEN l IS NOT NULL THEN {
    list: lst {.id, .name, .short_name, .snapshot_source_id, .loaded_at, .publisher_updated,
               .entry_count},
    props: l,
    in_force: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of),
    decided: coalesce(l.since, '') <= $as_of AND (l.until IS NULL OR l.until > $as_of)
      AND l.decided_from IS NOT NULL AND l.decided_from <= $as_of
  } END) AS designations
}
CALL (n) {
  OPTIONAL MATCH (n)-[r:$any($walked_types)]->(p:Entity)
  WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
        AND ($known_before IS NULL OR coalesce(r.first_recorded_at, '') < $known_before)
  // the stake as it was recorded then: a closed version of the edge, if one held at the time
  OPTIONAL CALL (r) {
    MATCH (f:FactRecord {fact_id: r.fact_id})
    WHERE $known_before IS NOT NULL AND coalesce(r.recorded_at, '') >= $known_before
      AND coalesce(f.recorded_at, '') < $known_before AND f.recorded_until >= $known_before
    RETURN properties(f) AS then LIMIT 1
  }
  WITH r, p, then ORDER BY type(r), p.name, p.id, r.fact_id
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: p {.id, .name, labels: labels(p)},
    edge: {type: type(r), start: n.id, end: p.id, props: coalesce(then, properties(r))}
  } END) AS parents
}
CALL (n) {
  RETURN COUNT { MATCH (n)<-[r:$any($walked_types)]-(s:Entity)
                 WHERE coalesce(r.since, '') <= $as_of AND (r.until IS NULL OR r.until > $as_of)
        AND ($known_before IS NULL OR coalesce(r.first_recorded_at, '') < $known_before)
                 RETURN DISTINCT s } AS direct_subsidiaries
}
CALL (n) {
  OPTIONAL MATCH q = (d:Entity) ((:Entity)-[hop:$any($walked_types)]->(:Entity)
      WHERE coalesce(hop.since, '') <= $as_of AND (hop.until IS NULL OR hop.until > $as_of)
        AND ($known_before IS NULL OR coalesce(hop.first_recorded_at, '') < $known_before)){1,12} (n)
  WHERE length(q) <= $depth AND d <> n
  RETURN count(DISTINCT d) AS all_subsidiaries
}
CALL (n) {
  OPTIONAL MATCH (n)-[r:PARTY_TO]->(c:Contract)
  WITH r, c ORDER BY c.awarded, c.id
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: c {.id, .name, labels: labels(c)},
    edge: {type: type(r), start: n.id, end: c.id, props: properties(r)}
  } END) AS contracts
}
CALL (n) {
  OPTIONAL MATCH (n)-[r:LOCATED_IN|PART_OF|AWARDED_BY|PERFORMED_IN|ADMINISTERED_BY]->(o:Entity)
  WITH r, o ORDER BY type(r), o.name
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: o {.id, .name, labels: labels(o)},
    edge: {type: type(r), start: n.id, end: o.id, props: properties(r)}
  } END) AS relations
}
CALL (n) {
  OPTIONAL MATCH (o:Entity)-[r:PARTY_TO]->(n)
  WITH r, o ORDER BY o.name
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: o {.id, .name, labels: labels(o)},
    edge: {type: type(r), start: o.id, end: n.id, props: properties(r)}
  } END) AS parties
}
CALL (n) {
  // Every name the lists write it as, per list entry, and the judgement that joined the entry
  // to this entity (the resolver's or a person's; none for the entry it was made from).
  OPTIONAL MATCH (e:ListEntry)-[t:RESOLVED_TO]->(n)
  OPTIONAL MATCH (e)-[:ON_LIST]->(lst:List)
  OPTIONAL MATCH (ri:ReviewItem {id: t.review_id})
  WITH e, t, lst, ri ORDER BY lst.id, e.name, e.id
  RETURN collect(CASE WHEN e IS NOT NULL THEN {
    list_id: lst.id, list_name: lst.short_name, entry_id: e.id, name: e.name,
    alt_names: coalesce(e.alt_names, []), ended: e.ended_by_run IS NOT NULL,
    decision: t.decision,
    judgement: CASE WHEN ri IS NULL THEN null ELSE ri {
      .id, .status, .decided_by, .decided_at, .rule, .score, .evidence, .explanation } END
  } END) AS listed_names
}
CALL (n) {
  OPTIONAL MATCH (n)-[r:LINKED_TO|AFFILIATE_OF]-(o:Entity)
  WITH r, o ORDER BY o.name, r.fact_id
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: o {.id, .name, labels: labels(o)},
    edge: {type: type(r), start: startNode(r).id, end: endNode(r).id, props: properties(r)}
  } END) AS linked
}
CALL (n) {
  OPTIONAL MATCH (b:Brand)-[r:BRAND_OF]->(n)
  WITH b, r ORDER BY b.name, r.fact_id
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    entity: b {.id, .name, labels: labels(b)},
    edge: {type: type(r), start: b.id, end: n.id, props: properties(r)}
  } END) AS brands
}
CALL (n) {
  OPTIONAL MATCH (n)-[m:MENTIONED_IN]->(s:Source)
  RETURN collect(CASE WHEN m IS NOT NULL THEN
    {type: 'MENTIONED_IN', start: n.id, end: s.id, props: properties(m)} END) AS mentions
}
WITH n, designations, parents, direct_subsidiaries, all_subsidiaries, contracts, relations,
     parties, linked, brands, mentions, listed_names,
     coalesce(n.source_ids, []) + coalesce(n.status_source_ids, [])
     + reduce(a = [], x IN designations |
         a + coalesce(x.props.source_ids, [])
           + [v IN [x.list.snapshot_source_id] WHERE v IS NOT NULL])
     + reduce(a = [], x IN parents + contracts + relations + parties + linked + brands |
         a + coalesce(x.edge.props.source_ids, []))
     + reduce(a = [], m IN mentions | a + coalesce(m.props.source_ids, []) + [m.end]) AS sids
CALL (sids) {
  OPTIONAL MATCH (s:Source) WHERE s.id IN sids
  RETURN collect(s {.*}) AS sources
}
RETURN n {.*, labels: labels(n)} AS entity, designations, parents, direct_subsidiaries,
       all_subsidiaries, contracts, relations, parties, linked, brands, mentions, listed_names,
       sources
