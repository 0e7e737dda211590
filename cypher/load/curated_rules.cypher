// Upsert scope rules of lists (which subsidiaries or affiliates a list reaches beyond the
// names it prints), linked to every list they reach from (SCOPE_OF), with their dated
// versions as (:RuleVersion)-[:VERSION_OF]->(:Rule) nodes keyed `<rule id>@<from>`; a version
// no longer in the data is removed. One row per rule: {id, list_ids, props, versions: [{id,
// props}]}.
UNWIND $rows AS row
MERGE (rule:Rule {id: row.id})
SET rule = row.props, rule.id = row.id
WITH rule, row
CALL (rule, row) {
  UNWIND row.list_ids AS list_id
  MATCH (l:List {id: list_id})
  MERGE (rule)-[s:SCOPE_OF]->(l)
  SET s.source_ids = row.props.source_ids, s.origin = 'curated'
}
CALL (rule, row) {
  OPTIONAL MATCH (rule)-[s:SCOPE_OF]->(l:List)
  WITH s, l WHERE s IS NOT NULL AND NOT l.id IN row.list_ids
  DELETE s
}
CALL (rule, row) {
  UNWIND row.versions AS version
  MERGE (v:RuleVersion {id: version.id})
  SET v = version.props, v.id = version.id, v.rule_id = rule.id
  MERGE (v)-[o:VERSION_OF]->(rule)
  SET o.source_ids = version.props.source_ids, o.origin = 'curated'
}
CALL (rule, row) {
  OPTIONAL MATCH (v:RuleVersion)-[:VERSION_OF]->(rule)
  WITH v WHERE v IS NOT NULL AND NOT v.id IN [x IN row.versions | x.id]
  DETACH DELETE v
}
