// Pairs a reviewer has said are NOT the same: (normalised input, entity id). A rejected pair
// is never auto-matched again.
MATCH (r:ReviewItem {status: 'rejected'})
UNWIND coalesce(r.rejected_ids, []) AS entity_id
RETURN r.normalized_input AS input, entity_id
