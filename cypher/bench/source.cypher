// Benchmark only: the Source every synthetic fact cites.
MERGE (s:Source {id: 'source:bench-synthetic'})
SET s.title = 'Synthetic benchmark data (not real)', s.kind = 'dataset', s.publisher = 'survgraph bench'
