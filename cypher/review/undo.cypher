// Reverse an accepted review: delete the relationships it created, take back the names and
// FtM ids it added, and delete an entity it created once nothing else hangs on it.
CALL () {
  MATCH ()-[r {review_id: $id}]->()
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
