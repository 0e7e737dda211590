// The names judgements added to entities survgraph already held, at or after $known_before
// (record time): a list load's match of an entry to an entity, or a reviewer's accept, joins
// the entry's names to the entity's aliases and keeps the ones that were new on its
// ReviewItem (applied_aliases, decided_at). A `known_at` resolution leaves those names out:
// on that day the index did not hold them. An undone judgement has taken its names back.
// And the aliases data/ gave a curated entity at a later load (curated_alias_recorded, set by
// cypher/load/curated_entities.cypher).
CALL () {
  MATCH (r:ReviewItem)
  WHERE r.decided_at >= $known_before AND r.chosen_id IS NOT NULL
    AND size(coalesce(r.applied_aliases, [])) > 0
  RETURN r.chosen_id AS entity_id, r.applied_aliases AS aliases, r.id AS key
  UNION ALL
  MATCH (n:Entity)
  WHERE any(t IN coalesce(n.curated_alias_recorded, []) WHERE t >= $known_before)
  RETURN n.id AS entity_id,
         [i IN range(0, size(n.curated_aliases) - 1)
           WHERE n.curated_alias_recorded[i] >= $known_before | n.curated_aliases[i]] AS aliases,
         '' AS key
}
RETURN entity_id, aliases
ORDER BY key, entity_id
