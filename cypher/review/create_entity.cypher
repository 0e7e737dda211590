// An accepted review that proposed a new entity creates it, marked with the review that did.
// row.label is checked against a fixed set before it gets here.
MERGE (n:Entity {id: $id})
ON CREATE SET n:$($label), n += $props, n.created_by_review = $review_id
RETURN n.created_by_review = $review_id AS created
