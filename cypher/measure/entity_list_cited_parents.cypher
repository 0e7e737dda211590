// Issue 24's measure: of the Chinese entities on the Entity List (country CN, any LISTED_ON
// claim to the list), how many have a cited parent: an ownership, branch or control edge, or
// a notice's AFFILIATE_OF, to another entity, each edge citing a source. No parameters.
MATCH (a:Entity)-[:LISTED_ON]->(:List {id: 'list:us-bis-entity-list'})
WHERE a.country = 'CN' OR 'CN' IN coalesce(a.countries, [])
WITH DISTINCT a
WITH a, EXISTS {
  MATCH (a)-[r:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY|AFFILIATE_OF]->(p:Entity)
  WHERE p <> a AND size(coalesce(r.source_ids, [])) > 0
} AS has_parent
RETURN count(a) AS chinese_entities, sum(CASE WHEN has_parent THEN 1 ELSE 0 END) AS with_parent,
       round(1000.0 * sum(CASE WHEN has_parent THEN 1 ELSE 0 END) / count(a)) / 10 AS percent
