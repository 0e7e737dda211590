// Reverse an accepted review: delete the relationships it created, take back the names and
// FtM ids it added, and delete an entity it created once nothing else hangs on it.
// A fact among them (it has a fact_id) is first kept as a :FactRecord closed now
// (recorded_until $at, end_kind 'undone'): record time still answers what was held before.
CALL () {
  MATCH (a)-[r {review_id: $id}]->(b)
  CALL (a, r, b) {
    WITH a, r, b WHERE r.fact_id IS NOT NULL
    CREATE (f:FactRecord)
    SET f = properties(r), f.fact_type = type(r), f.fact_start = a.id, f.fact_end = b.id,
        f.recorded_until = $at, f.recorded_until_run = 'review-undo:' + $id,
        f.end_kind = 'undone'
  }
  DELETE r
  RETURN count(r) AS deleted
}
CALL () {
  OPTIONAL MATCH (n:Entity {id: $chosen_id})
  WITH n WHERE n IS NOT NULL
  SET n.aliases = [a IN coalesce(n.aliases, []) WHERE NOT a IN $aliases],
      n.ftm_ids = [f IN coalesce(n.ftm_ids, []) WHERE NOT f IN $ftm_ids]
  RETURN count(n) AS touched
}
CALL () {
  OPTIONAL MATCH (n:Entity {created_by_review: $id})
  WITH n WHERE n IS NOT NULL AND NOT (n)--()
  DELETE n
  RETURN count(n) AS removed
}
RETURN deleted, removed
