// What each probe stands for in the graph, for judging cross-record resolution against the
// labelled pairs (tests/data/cross_source_pairs.csv). A probe is either a list entry, named
// by its CSL `source`, its row's `_id` and the `name` as listed ($probes[i].source, .ref,
// .name), or a curated
// entity ($probes[i].entity_id). For an entry: the entity its LISTED_ON (entry_id = the
// entry's id) starts from; an entry in review has none. Every entity is followed along
// MERGED_INTO to the survivor, so a merge done by collapsing nodes counts like one done at load.
// One row per probe found, with every entry and entity it matched: the caller checks that a
// probe matched exactly one entry. Probes matching nothing return no row.
UNWIND $probes AS p
CALL (p) {
  WITH p
  WHERE p.entity_id IS NOT NULL
  MATCH (n:Entity {id: p.entity_id})
  RETURN n.id AS entry, n AS entity
  UNION
  WITH p
  WHERE p.entity_id IS NULL
  // by the row's `_id` (a name that states a parent is stored as its subject's name), else
  // by the name as listed
  MATCH (e:ListEntry)-[:ON_LIST]->(l:List)
  WHERE e.source = p.source AND (e.csl_id = p.ref OR e.name = p.name)
  OPTIONAL MATCH (a:Entity)-[r:LISTED_ON]->(l)
  WHERE r.entry_id = e.id
  RETURN e.id AS entry, a AS entity
}
OPTIONAL MATCH (entity)-[:MERGED_INTO*1..]->(s:Entity)
WHERE NOT (s)-[:MERGED_INTO]->()
WITH p, entry, coalesce(s, entity) AS survivor
RETURN p.key AS key, collect(DISTINCT entry) AS entries, collect(DISTINCT survivor.id) AS entity_ids
