// Which subsidiaries (and branches, holdings and controlled companies) of a company are on a
// designation list, drawn as the group: one row per listed subsidiary, holding its path up to
// the company (its shortest chain of ownership, branch or control edges: curated facts and the
// claims lists and registers state) and its listings, so Browser draws the company, the
// companies between and the lists; double-click a node to expand it. Every edge carries
// source_ids to quote, an ownership edge its share in the source's words (share_text), a claim
// its basis; the listings are paths too (the subsidiary, the edge, the list), so the lists
// are drawn. listed_subsidiaries_table gives the same answer as a table, for export.
// In Neo4j Browser first run:  :param company => 'company:hikvision'
MATCH path = (child:Company)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY*1..6]->(parent:Company {id: $company})
WHERE EXISTS { (child)-[:LISTED_ON]->(:List) }
WITH child, path ORDER BY length(path)
WITH child, collect(path)[0] AS path
MATCH listing = (child)-[:LISTED_ON]->(:List)
RETURN child.name AS subsidiary, path, collect(listing) AS listings
ORDER BY subsidiary
