// An accepted review that proposed a new entity creates it, marked with the review that did
// and stamped with the accept's time (record time).
// row.label is checked against a fixed set before it gets here.
MERGE (n:Entity {id: $id})
ON CREATE SET n:$($label), n += $props, n.created_by_review = $review_id,
              n.first_recorded_at = $at
RETURN n.created_by_review = $review_id AS created
