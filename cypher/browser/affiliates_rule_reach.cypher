// Who does the BIS Affiliates Rule reach under a company (entities 50 % or more owned by
// parties on the Entity List or the MEU List), beyond those the lists name? Drawn: one row per
// entity the company owns or controls (edges in force today) that the rule's lists do not name,
// holding its path up to the company and, where one exists, the chain of stakes each of at
// least 50 % by every figure a source states (or branches) that leads from it to a listed
// party, with that party's listings: such a chain alone covers it while the rule is in force.
// Every edge carries its share (share_text, share_min, share_max) and source_ids. The stakes
// held in each entity and the rule's versions are in affiliates_rule_reach_table; shares of
// several owners adding up are what the API computes:
// /entities/<id>/subsidiaries?reached_by=rule:bis-affiliates-50-percent&as_of=DAY.
// In Neo4j Browser first run:  :param company => 'company:hikvision'
MATCH (rule:Rule {id: 'rule:bis-affiliates-50-percent'})-[:SCOPE_OF]->(lst:List)
WITH collect(lst.id) AS lists, toString(date()) AS today
MATCH (root:Entity {id: $company})
MATCH p = (d:Entity)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY*1..6]->(root)
WHERE d <> root
  AND all(r IN relationships(p) WHERE coalesce(r.since, '') <= today AND (r.until IS NULL OR r.until > today))
WITH lists, today, d, p ORDER BY length(p), [r IN relationships(p) | coalesce(r.fact_id, '')]
WITH lists, today, d, collect(p)[0] AS path
WHERE NOT EXISTS {
  MATCH (d)-[l:LISTED_ON]->(x:List)
  WHERE x.id IN lists AND l.decided_from <= today AND (l.until IS NULL OR l.until > today)
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
WITH lists, today, d, path, chain ORDER BY length(chain)
WITH lists, today, d, path, collect(chain)[0] AS majority
WITH lists, today, d, path, majority, last(nodes(majority)) AS top
RETURN d.name AS entity,
       CASE WHEN majority IS NULL THEN 'no majority chain: see the API for the aggregate'
            ELSE 'covered through a majority chain while the rule is in force' END AS reach,
       path, majority,
       [q = (top)-[l:LISTED_ON]->(x:List)
        WHERE x.id IN lists AND l.decided_from <= today AND (l.until IS NULL OR l.until > today)
        | q] AS listings
ORDER BY majority IS NULL, length(path), entity
