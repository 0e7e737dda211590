// Benchmark only: synthetic SUBSIDIARY_OF edges, child -> parent.
UNWIND $rows AS row
MATCH (a:Company {id: row.child})
MATCH (b:Company {id: row.parent})
CREATE (a)-[:SUBSIDIARY_OF {fact_id: row.fact_id, share: row.share, origin: 'bench',
                            source_ids: ['source:bench-synthetic']}]->(b)
