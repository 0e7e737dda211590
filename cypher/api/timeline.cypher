// Dated events about an entity, oldest first, each with the sources that date it:
// contracts begun / awarded / ended (its own, and as 'subsidiary_contract_*' those of its
// subsidiaries and branches up to 3 levels down), designations added / ended (its own),
// ownership links begun / ended (as subsidiary or as parent), and its own status changes.
// $subsidiary_types: graph.model.SUBSIDIARY_TYPES. $known_before (record time, null: now): the
// designations and ownership links as survgraph held them before that instant (closed versions
// and links deleted since: :FactRecord). In Neo4j Browser first run:
//   :param id => 'company:hikvision'
//   :param subsidiary_types => ['BRANCH_OF', 'SUBSIDIARY_OF']
//   :param known_before => null
MATCH (x:Entity {id: $id})
CALL (x) {
  MATCH (x)-[p:PARTY_TO]->(c:Contract)
  UNWIND [
    {kind: 'contract_awarded', date: c.awarded, precision: c.awarded_precision, ids: c.source_ids},
    {kind: 'contract_started', date: c.start, precision: c.start_precision, ids: c.source_ids},
    {kind: 'contract_' + coalesce(c.status, 'ended'), date: c.status_date,
     precision: c.status_precision, ids: coalesce(c.status_source_ids, c.source_ids)},
    {kind: 'contract_ended', date: c.end, precision: c.end_precision, ids: c.source_ids}
  ] AS e
  WITH c, e WHERE e.date IS NOT NULL AND NOT (e.kind = 'contract_active')
  RETURN e.kind AS kind, e.date AS date, e.precision AS precision, c.id AS subject,
         c.name AS subject_name, null AS citation, e.ids AS source_ids
  UNION ALL
  MATCH (x) ((:Entity)<-[:$any($subsidiary_types)]-(:Entity)){1,3} (:Company)-[:PARTY_TO]->(c:Contract)
  WITH DISTINCT c
  UNWIND [
    {kind: 'subsidiary_contract_awarded', date: c.awarded, precision: c.awarded_precision,
     ids: c.source_ids},
    {kind: 'subsidiary_contract_started', date: c.start, precision: c.start_precision,
     ids: c.source_ids},
    {kind: 'subsidiary_contract_' + coalesce(c.status, 'ended'), date: c.status_date,
     precision: c.status_precision, ids: coalesce(c.status_source_ids, c.source_ids)},
    {kind: 'subsidiary_contract_ended', date: c.end, precision: c.end_precision,
     ids: c.source_ids}
  ] AS e
  WITH c, e WHERE e.date IS NOT NULL AND NOT (e.kind = 'subsidiary_contract_active')
  RETURN e.kind AS kind, e.date AS date, e.precision AS precision, c.id AS subject,
         c.name AS subject_name, null AS citation, e.ids AS source_ids
  UNION ALL
  CALL (x) {
    MATCH (x)-[r:LISTED_ON]->(list:List)
    WHERE $known_before IS NULL OR coalesce(r.recorded_at, '') < $known_before
    RETURN properties(r) AS l, list
    UNION ALL
    MATCH (f:FactRecord {fact_start: x.id, fact_type: 'LISTED_ON'})
    WHERE $known_before IS NOT NULL AND coalesce(f.recorded_at, '') < $known_before
      AND f.recorded_until >= $known_before
    MATCH (list:List {id: f.fact_end})
    RETURN properties(f) AS l, list
  }
  UNWIND [
    {kind: 'designation_added', date: l.since, precision: l.since_precision},
    {kind: 'designation_ended', date: l.until, precision: l.until_precision}
  ] AS e
  WITH list, l, e WHERE e.date IS NOT NULL
  RETURN e.kind AS kind, e.date AS date, e.precision AS precision, list.id AS subject,
         list.name AS subject_name, l.citation AS citation, l.source_ids AS source_ids
  UNION ALL
  CALL (x) {
    MATCH (x)-[r:$any($subsidiary_types)]-(other:Company)
    WHERE $known_before IS NULL OR coalesce(r.first_recorded_at, '') < $known_before
    // the statement as it was recorded then: a closed version, if one held at the time
    OPTIONAL CALL (r) {
      MATCH (f:FactRecord {fact_id: r.fact_id})
      WHERE $known_before IS NOT NULL AND coalesce(r.recorded_at, '') >= $known_before
        AND coalesce(f.recorded_at, '') < $known_before AND f.recorded_until >= $known_before
      RETURN properties(f) AS then LIMIT 1
    }
    RETURN coalesce(then, properties(r)) AS o, other, startNode(r) = x AS as_child
    UNION ALL
    // an edge deleted since (a curated fact taken out, a review undone): its version of then
    MATCH (f:FactRecord)
    WHERE $known_before IS NOT NULL AND (f.fact_start = x.id OR f.fact_end = x.id)
      AND f.fact_type IN $subsidiary_types
      AND coalesce(f.recorded_at, '') < $known_before AND f.recorded_until >= $known_before
      AND NOT EXISTS {
        MATCH (:Entity {id: f.fact_start})-[r {fact_id: f.fact_id}]->(:Entity {id: f.fact_end})
        WHERE coalesce(r.first_recorded_at, '') < $known_before
      }
    MATCH (other:Company {id: CASE WHEN f.fact_start = x.id THEN f.fact_end ELSE f.fact_start END})
    RETURN properties(f) AS o, other, f.fact_start = x.id AS as_child
  }
  WITH x, o, other, as_child
  UNWIND [
    {kind: CASE WHEN as_child THEN 'became_subsidiary_of' ELSE 'subsidiary_founded_or_acquired' END,
     date: o.since, precision: o.since_precision},
    {kind: CASE WHEN as_child THEN 'ceased_subsidiary_of' ELSE 'subsidiary_divested_or_dissolved' END,
     date: o.until, precision: o.until_precision}
  ] AS e
  WITH o, other, e WHERE e.date IS NOT NULL
  RETURN e.kind AS kind, e.date AS date, e.precision AS precision, other.id AS subject,
         other.name AS subject_name, null AS citation, o.source_ids AS source_ids
  UNION ALL
  MATCH (x)<-[o:$any($subsidiary_types)]-(sub:Company)
  WHERE sub.status_date IS NOT NULL AND sub.status IN ['dissolved', 'ceasing_operations']
  RETURN 'subsidiary_' + sub.status AS kind, sub.status_date AS date,
         sub.status_precision AS precision, sub.id AS subject, sub.name AS subject_name,
         null AS citation, coalesce(sub.status_source_ids, sub.source_ids) AS source_ids
  UNION ALL
  WITH x WHERE x.status_date IS NOT NULL
  RETURN 'status_' + coalesce(x.status, 'changed') AS kind, x.status_date AS date,
         x.status_precision AS precision, x.id AS subject, x.name AS subject_name,
         null AS citation, coalesce(x.status_source_ids, x.source_ids) AS source_ids
}
WITH kind, date, precision, subject, subject_name, citation, source_ids
WHERE $as_of IS NULL OR date <= $as_of
RETURN kind, date, precision, subject, subject_name, citation, source_ids
ORDER BY date, kind, subject
