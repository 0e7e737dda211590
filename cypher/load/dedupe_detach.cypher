// `survgraph dedupe` moves an entry off the entity an earlier load made for it: its
// LISTED_ON and RESOLVED_TO there go (the load statements then write them on the entity it
// resolves to now, with the judgement's review_id). An entity a load made for an entry
// (made_for 'entry') left with no designation is MERGED_INTO the other one, with the same
// review_id, so `review undo` removes that too.
UNWIND $rows AS row
MATCH (e:ListEntry {id: row.entry_id})-[t:RESOLVED_TO]->(y:Entity {id: row.from_id})
OPTIONAL MATCH (y)-[l:LISTED_ON {entry_id: row.entry_id}]->()
DELETE t, l
WITH DISTINCT row, y
MATCH (x:Entity {id: row.to_id})
CALL (y, x, row) {
  WITH y, x, row WHERE NOT (y)-[:LISTED_ON]->() AND y.made_for = 'entry'
  MERGE (y)-[m:MERGED_INTO]->(x)
    ON CREATE SET m.review_id = row.review_id, m.origin = 'dedupe',
                  m.source_ids = row.source_ids, m.fact_id = row.fact_id
}
