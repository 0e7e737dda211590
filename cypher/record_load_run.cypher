// Record one load: what was loaded, when, and its report figures.
MERGE (run:LoadRun {id: $id})
SET run += $props
