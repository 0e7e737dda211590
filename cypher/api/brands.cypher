// Every brand with the company whose brand it is (BRAND_OF, cited), and that company's group
// upward (the entities it reaches through ownership, branch, control or a notice's
// AFFILIATE_OF edges, at most 3) with each one's designations, dated, for the search index:
// a brand found by name leads to the designations of its maker and of the maker's owners.
MATCH (b:Brand)-[r:BRAND_OF]->(o:Entity)
OPTIONAL MATCH (o)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY|AFFILIATE_OF*1..3]->(a:Entity)
WITH b, r, o, [x IN collect(DISTINCT a) WHERE x <> o] AS ancestors
UNWIND [o] + ancestors AS g
OPTIONAL MATCH (g)-[d:LISTED_ON]->(l:List)
WITH b, r, o, g, collect(CASE WHEN d IS NOT NULL THEN {
  list: l {.id, .name, labels: labels(l)}, since: d.since, until: d.until,
  decided_from: d.decided_from, citation: d.citation, name_as_listed: d.name_as_listed,
  source_ids: coalesce(d.source_ids, [])} END) AS designations
WITH b, r, o, collect({entity: g {.id, .name, labels: labels(g)},
                       designations: designations}) AS group
RETURN b {.id, .name, .aliases} AS brand, coalesce(r.source_ids, []) AS source_ids,
       r.quote AS quote, o {.id, .name, labels: labels(o)} AS owner, group
ORDER BY b.name, o.id
