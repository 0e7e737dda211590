// Upsert scope rules of lists (which subsidiaries or affiliates a list reaches beyond the
// names it prints), linked to every list they reach from (SCOPE_OF), with their dated
// versions as (:RuleVersion)-[:VERSION_OF]->(:Rule) nodes keyed `<rule id>@<from>`; a version
// no longer in the data is removed (kept as a :FactRecord closed at this load, as a changed
// one's earlier state is: graph.model.RECORD_KEYS). One row per rule: {id, list_ids, props,
// versions: [{id, props, version}], recorded_at, recorded_run}.
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
  WITH rule, row, version, v, v.version AS was, v.first_recorded_at AS first,
       v.recorded_at AS at, v.recorded_run AS run
  CALL (rule, row, v, was, version) {
    WITH rule, row, v WHERE was IS NOT NULL AND was <> version.version
    CREATE (f:FactRecord)
    SET f = properties(v), f.fact_type = 'RuleVersion', f.fact_start = rule.id,
        f.fact_end = v.id, f.recorded_until = row.recorded_at,
        f.recorded_until_run = row.recorded_run, f.end_kind = 'superseded'
  }
  SET v = version.props, v.id = version.id, v.rule_id = rule.id, v.version = version.version,
      v.first_recorded_at = coalesce(first, row.recorded_at),
      v.recorded_at = CASE WHEN coalesce(was, '') = version.version THEN at
                           ELSE row.recorded_at END,
      v.recorded_run = CASE WHEN coalesce(was, '') = version.version THEN run
                            ELSE row.recorded_run END
  MERGE (v)-[o:VERSION_OF]->(rule)
  SET o.source_ids = version.props.source_ids, o.origin = 'curated'
}
CALL (rule, row) {
  OPTIONAL MATCH (v:RuleVersion)-[:VERSION_OF]->(rule)
  WITH rule, row, v WHERE v IS NOT NULL AND NOT v.id IN [x IN row.versions | x.id]
  CREATE (f:FactRecord)
  SET f = properties(v), f.fact_type = 'RuleVersion', f.fact_start = rule.id, f.fact_end = v.id,
      f.recorded_until = row.recorded_at, f.recorded_until_run = row.recorded_run,
      f.end_kind = 'removed'
  DETACH DELETE v
}
