// Development-only fixture for the API (not used by the final tests): lists and relations on top
// of the curated nodes, with origin 'curated' and fact ids the curated loader does not know, so
// the next `survgraph load curated` prunes them. Values are parameters; nothing is formatted.
UNWIND $lists AS l
MERGE (n:Entity {id: l.id})
SET n:List, n.name = l.name, n.short_name = l.short_name, n.source_ids = l.source_ids,
    n.kind = l.kind, n.jurisdiction = 'US'
WITH count(*) AS lists
UNWIND $rels AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
MERGE (a)-[r:$(row.type) {fact_id: row.fact_id}]->(b)
SET r = row.props, r.fact_id = row.fact_id, r.origin = 'curated'
RETURN lists, count(r) AS relations
