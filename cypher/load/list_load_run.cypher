// Record one list load run: what it read, when, and how many entries it added/modified/ended;
// `loader` and the READ edge's origin name its source.
MERGE (run:LoadRun {id: $id})
SET run += $props
WITH run
MATCH (s:Source {id: $source_id})
MERGE (run)-[r:READ]->(s)
  ON CREATE SET r.source_ids = [$source_id], r.origin = $origin
