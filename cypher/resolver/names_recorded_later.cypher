// The names judgements added to entities survgraph already held, at or after $known_before
// (record time): a list load's match of an entry to an entity, or a reviewer's accept, joins
// the entry's names to the entity's aliases and keeps the ones that were new on its
// ReviewItem (applied_aliases, decided_at). A `known_at` resolution leaves those names out:
// on that day the index did not hold them. An undone judgement has taken its names back.
MATCH (r:ReviewItem)
WHERE r.decided_at >= $known_before AND r.chosen_id IS NOT NULL
  AND size(coalesce(r.applied_aliases, [])) > 0
RETURN r.chosen_id AS entity_id, r.applied_aliases AS aliases
ORDER BY r.id
