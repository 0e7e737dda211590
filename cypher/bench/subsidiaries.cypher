// Benchmark only: synthetic SUBSIDIARY_OF edges, child -> parent, each with its share fields
// (row.props, graph/shares.py) and the older single `share` number where one is exact.
UNWIND $rows AS row
MATCH (a:Company {id: row.child})
MATCH (b:Company {id: row.parent})
CREATE (a)-[r:SUBSIDIARY_OF {fact_id: row.fact_id, share: row.share, origin: 'bench',
                            source_ids: ['source:bench-synthetic']}]->(b)
SET r += row.props
