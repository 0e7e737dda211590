// The lists a list file holds and who administers them. Curated lists and bodies keep their
// curated names (ON CREATE only); the load sets its own freshness fields on every run.
UNWIND $rows AS row
MERGE (l:Entity {id: row.id})
  ON CREATE SET l.name = row.name, l.short_name = row.short_name,
                l.source_ids = [row.snapshot_source_id], l.origin = $origin
SET l:List
SET l.authority = row.authority, l.loaded_at = row.loaded_at, l.entry_count = row.entry_count,
    l.publisher_updated = row.publisher_updated, l.snapshot_source_id = row.snapshot_source_id,
    l.csl_source = row.csl_source
WITH row, l WHERE row.authority_id IS NOT NULL
MERGE (g:Entity {id: row.authority_id})
  ON CREATE SET g:GovernmentBody, g.name = row.authority, g.kind = 'agency', g.country = 'US',
                g.source_ids = [row.snapshot_source_id], g.origin = $origin
MERGE (l)-[r:ADMINISTERED_BY {fact_id: row.administered_fact_id}]->(g)
  ON CREATE SET r.source_ids = [row.snapshot_source_id], r.origin = $origin
