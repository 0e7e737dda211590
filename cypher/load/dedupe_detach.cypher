// `survgraph dedupe` moves an entry off the entity an earlier load made for it: its
// LISTED_ON and RESOLVED_TO there go (the load statements then write them on the entity it
// resolves to now, with the judgement's review_id). An entity a load made for an entry
// (made_for 'entry') left with no designation is MERGED_INTO the other one, with the same
// review_id, so `review undo` removes that too. The designation it held there is kept as a
// :FactRecord closed at this run (end_kind 'moved'): record time still shows it where it was.
UNWIND $rows AS row
MATCH (e:ListEntry {id: row.entry_id})-[t:RESOLVED_TO]->(y:Entity {id: row.from_id})
OPTIONAL MATCH (y)-[l:LISTED_ON {entry_id: row.entry_id}]->(list:List)
CALL (y, l, list) {
  WITH y, l, list WHERE l IS NOT NULL
  CREATE (f:FactRecord)
  SET f = properties(l), f.fact_type = 'LISTED_ON', f.fact_start = y.id, f.fact_end = list.id,
      f.recorded_until = $at, f.recorded_until_run = $run_id, f.end_kind = 'moved'
}
DELETE t, l
WITH DISTINCT row, y
MATCH (x:Entity {id: row.to_id})
CALL (y, x, row) {
  WITH y, x, row WHERE NOT (y)-[:LISTED_ON]->() AND y.made_for = 'entry'
  MERGE (y)-[m:MERGED_INTO]->(x)
    ON CREATE SET m.review_id = row.review_id, m.origin = 'dedupe',
                  m.source_ids = row.source_ids, m.fact_id = row.fact_id,
                  m.recorded_at = $at, m.first_recorded_at = $at, m.recorded_run = $run_id
}
