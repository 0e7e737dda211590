// Record a decision (or its undo) on a review item; the history keeps every step.
MATCH (r:ReviewItem {id: $id})
SET r += $props, r.history = coalesce(r.history, []) + [$event]
RETURN properties(r) AS item
