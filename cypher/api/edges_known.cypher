// One hop of a walk as survgraph held the graph before instant $known_before (record time): the
// edges of the types in $types leaving each entity of $ids ($out) and/or arriving at it ($in).
// An edge counts when it was recorded by then: a live edge first recorded before $known_before,
// with the closed version (:FactRecord) that held at that instant if it has changed since; and
// an edge deleted since (a curated fact taken out of data/, a review undone, an entry ended:
// only its :FactRecords remain) from the version that held then. The multi-hop walks of
// api/queries (known_at answers: ownership, paths, sectors) call this once per level, since a
// deleted edge can no longer be walked by a path pattern.
// Edges of the dated types ($dated_types, graph.model.DATED_TYPES) count only when in force on
// day $as_of by the statement of the time (and, with $decided, with a since date precise enough
// to decide that day); undated ones always count. A designation list is never walked through:
// an edge to a :List counts only when that list is $through (null: none).
// One row per edge: `from` (the entity of $ids it was reached from), `other` (the node at its
// other end) and `edge` (type, start, end, and its properties as held then), ordered by from,
// type, other and fact id.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  CALL (n) {
    MATCH (n)-[r:$any($types)]->(o:Entity)
    WHERE $out AND coalesce(r.first_recorded_at, '') < $known_before
    RETURN r, o, n AS start, o AS end
    UNION
    MATCH (n)<-[r:$any($types)]-(o:Entity)
    WHERE $in AND coalesce(r.first_recorded_at, '') < $known_before
    RETURN r, o, o AS start, n AS end
  }
  OPTIONAL CALL (r) {
    MATCH (f:FactRecord {fact_id: r.fact_id})
    WHERE coalesce(r.recorded_at, '') >= $known_before
      AND coalesce(f.recorded_at, '') < $known_before AND f.recorded_until >= $known_before
    RETURN properties(f) AS then LIMIT 1
  }
  RETURN o, {type: type(r), start: start.id, end: end.id, props: coalesce(then, properties(r))}
         AS edge
  UNION
  CALL (n) {
    MATCH (f:FactRecord {fact_start: n.id}) WHERE $out
    RETURN f, f.fact_end AS other_id
    UNION
    MATCH (f:FactRecord {fact_end: n.id}) WHERE $in
    RETURN f, f.fact_start AS other_id
  }
  WITH f, other_id
  WHERE f.fact_type IN $types
    AND coalesce(f.recorded_at, '') < $known_before AND f.recorded_until >= $known_before
    // a fact whose live edge was recorded by then is answered by the first part
    AND NOT EXISTS {
      MATCH (:Entity {id: f.fact_start})-[r {fact_id: f.fact_id}]->(:Entity {id: f.fact_end})
      WHERE coalesce(r.first_recorded_at, '') < $known_before
    }
  MATCH (o:Entity {id: other_id})
  RETURN o, {type: f.fact_type, start: f.fact_start, end: f.fact_end, props: properties(f)}
         AS edge
}
WITH n, o, edge
WHERE (NOT o:List OR o.id = $through)
  AND (NOT edge.type IN $dated_types
    OR (coalesce(edge.props.since, '') <= $as_of
      AND (edge.props.until IS NULL OR edge.props.until > $as_of)
      AND (NOT $decided OR coalesce(edge.props.decided_from, '9999') <= $as_of)))
RETURN n.id AS from, o {.id, .name, labels: labels(o)} AS other, edge
ORDER BY from, edge.type, other.id, edge.props.fact_id
