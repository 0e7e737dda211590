// Every shortest connection from a company to any designation list, as a drawable graph.
// In Neo4j Browser first run:  :param company => 'company:urumqi-haishi-xinan'
// Ownership (with each stake's share_text), branch, control and listing edges, and the links OFAC states ("Linked To",
// LINKED_TO: a link, not ownership); each edge carries source_ids to quote and, for a claim a
// list states, its basis in the list's words.
MATCH (c:Entity {id: $company}), (list:List)
MATCH path = allShortestPaths((c)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY|LINKED_TO|LISTED_ON*..6]-(list))
RETURN path
