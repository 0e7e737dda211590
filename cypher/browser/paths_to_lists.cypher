// Every shortest connection from a company to any designation list, as a drawable graph.
// In Neo4j Browser first run:  :param company => 'company:urumqi-haishi-xinan'
// Ownership, branch and listing edges only; each edge carries source_ids to quote.
MATCH (c:Entity {id: $company}), (list:List)
MATCH path = allShortestPaths((c)-[:SUBSIDIARY_OF|BRANCH_OF|CONTROLLED_BY|LISTED_ON*..6]-(list))
RETURN path
