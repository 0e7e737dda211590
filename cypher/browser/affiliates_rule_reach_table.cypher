// Who does the BIS Affiliates Rule reach under a company (entities 50 % or more owned by
// parties on the Entity List or the MEU List), beyond those the lists name?
// As a table, for export (affiliates_rule_reach draws the same answer as a graph).
// In Neo4j Browser first run:  :param company => 'company:hikvision'
// Each row: an entity the company owns or controls (ownership, branch and control edges in
// force today), its depth, every stake held in it (owner, the source's words and the share
// interval, whether the owner is on the rule's lists, sources), and whether a chain of stakes
// each of at least 50 % by every figure a source states for it (or branches) leads from it to a
// listed party: such a chain alone covers it while the rule is in force. Shares of several owners adding up, shares of unknown
// size and the rule's status on a given day (its versions are shown) are what the API
// computes: /entities/<id>/subsidiaries?reached_by=rule:bis-affiliates-50-percent&as_of=DAY.
MATCH (rule:Rule {id: 'rule:bis-affiliates-50-percent'})-[:SCOPE_OF]->(lst:List)
WITH rule, collect(lst.id) AS lists, toString(date()) AS today
MATCH (root:Entity {id: $company})
MATCH p = (d:Entity)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY*1..6]->(root)
WHERE d <> root
  AND all(r IN relationships(p) WHERE coalesce(r.since, '') <= today AND (r.until IS NULL OR r.until > today))
WITH rule, lists, today, d, min(length(p)) AS depth
WHERE NOT EXISTS {
  MATCH (d)-[l:LISTED_ON]->(x:List)
  WHERE x.id IN lists AND l.decided_from <= today AND (l.until IS NULL OR l.until > today)
}
CALL (d, lists, today) {
  MATCH (d)-[s:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY]->(o:Entity)
  WHERE coalesce(s.since, '') <= today AND (s.until IS NULL OR s.until > today)
  RETURN collect({owner: o.id, edge: type(s), words: coalesce(s.share_text, 'not stated'),
                  min: s.share_min, max: s.share_max, as_of: s.share_as_of,
                  owner_listed: EXISTS {
                    MATCH (o)-[l:LISTED_ON]->(x:List)
                    WHERE x.id IN lists AND l.decided_from <= today
                      AND (l.until IS NULL OR l.until > today) },
                  sources: s.source_ids}) AS stakes
}
OPTIONAL MATCH chain = (d)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF*1..6]->(top:Entity)
WHERE all(r IN relationships(chain) WHERE type(r) = 'BRANCH_OF'
          OR (r.share_min >= 50 AND NOT EXISTS {
                MATCH (a)-[o:SUBSIDIARY_OF|OWNED_BY]->(b)
                WHERE a = startNode(r) AND b = endNode(r) AND o.share_min < 50
                  AND o.share_kind IN ['exact', 'range', 'bound', 'descriptive'] }))
  AND EXISTS {
    MATCH (top)-[l:LISTED_ON]->(x:List)
    WHERE x.id IN lists AND l.decided_from <= today AND (l.until IS NULL OR l.until > today) }
WITH rule, d, depth, stakes, chain ORDER BY length(chain)
WITH rule, d, depth, stakes, collect(chain)[0] AS majority
RETURN d.id AS entity, d.name AS name, depth,
       CASE WHEN majority IS NULL THEN 'no majority chain: see the API for the aggregate'
            ELSE 'covered through a majority chain while the rule is in force' END AS reach,
       [n IN nodes(majority) | n.id] AS majority_chain, stakes,
       COLLECT { MATCH (v:RuleVersion)-[:VERSION_OF]->(rule)
                 RETURN v.status + ' from ' + coalesce(v.from, 'the start')
                        + coalesce(' until ' + v.until, '') ORDER BY v.from } AS rule_versions
ORDER BY majority IS NULL, depth, entity
