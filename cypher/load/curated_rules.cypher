// Upsert scope rules of lists (which subsidiaries or affiliates a list reaches beyond the
// names it prints), linked to their list.
UNWIND $rows AS row
MATCH (l:List {id: row.list_id})
MERGE (rule:Rule {id: row.id})
SET rule = row.props, rule.id = row.id
MERGE (rule)-[s:SCOPE_OF]->(l)
SET s.source_ids = row.props.source_ids, s.origin = 'curated'
