// The recorded judgement of each entry the resolver joined to an entity already there: an
// accepted ReviewItem (who decided, when, the evidence, the score, the fact it wrote) about the
// entry, so `survgraph review undo` can take the merge back. The entry's names as the list
// writes them join the entity's aliases; the ones that were new are kept on the item
// (applied_aliases), so an undo takes back exactly those. An item already there (a reload, a
// reviewer's decision) is left as it is. A person who joins an entity the load made from a row
// that said neither person nor organisation makes it a Person (as_person).
UNWIND $rows AS row
MATCH (n:Entity {id: row.entity_id})
MATCH (e:ListEntry {id: row.entry_id})
FOREACH (_ IN CASE WHEN row.as_person THEN [1] ELSE [] END | REMOVE n:Company SET n:Person)
MERGE (r:ReviewItem {id: row.id})
  ON CREATE SET r += row.props, r.created_at = row.created_at, r.history = [row.event],
                r.fresh = true
WITH r, row, n, e, coalesce(r.fresh, false) AS fresh
REMOVE r.fresh
WITH r, row, n, e WHERE fresh
// Per row, reading the aliases as the rows before it in this batch left them.
CALL (r, row, n) {
  WITH r, n, [a IN row.names WHERE a <> n.name AND NOT a IN coalesce(n.aliases, [])] AS new
  WITH r, n, reduce(acc = [], a IN new | CASE WHEN a IN acc THEN acc ELSE acc + a END) AS added
  SET n.aliases = coalesce(n.aliases, []) + added, r.applied_aliases = added
}
MERGE (r)-[a:ABOUT]->(e)
  ON CREATE SET a.source_ids = [$source_id], a.origin = $origin
