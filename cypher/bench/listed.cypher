// Benchmark only: synthetic LISTED_ON edges to existing (curated) lists.
UNWIND $rows AS row
MATCH (a:Company {id: row.id})
MATCH (l:List {id: row.list})
CREATE (a)-[:LISTED_ON {fact_id: row.fact_id, since: row.since, decided_from: row.decided_from,
                        citation: 'synthetic', origin: 'bench',
                        source_ids: ['source:bench-synthetic']}]->(l)
