// Migration `provenance-by-source`: the snapshots that list loads before it recorded as CSL
// (`source:csl-...`, read by a LoadRun with loader 'csl') although OFAC's files or the DoD
// 1260H list were read, with the runs that read them and what says which source it was:
// the publisher the load wrote on the snapshot and the lists it held.
MATCH (run:LoadRun {loader: 'csl'})-[:READ]->(s:Source)
WHERE s.id STARTS WITH 'source:csl-'
RETURN s.id AS source_id, s.publisher AS publisher, run.id AS run_id, run.lists AS lists
ORDER BY source_id, run_id
