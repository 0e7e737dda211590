// An accepted list-entry review records where the entry landed, as the CSL loader does for
// its own matches, so a reload of the list sees the resolution. It carries the review id, so
// `review undo` removes it with the other facts of the review.
MATCH (ri:ReviewItem {id: $review_id})-[:ABOUT]->(e:ListEntry)
MATCH (x:Entity {id: $entity_id})
MERGE (e)-[t:RESOLVED_TO]->(x)
ON CREATE SET t.decision = 'accepted', t.review_id = $review_id, t.origin = 'review',
              t.source_ids = $source_ids
RETURN count(t) AS linked
