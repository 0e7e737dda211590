// Which subsidiaries (and branches) of a company are on a designation list, and where?
// In Neo4j Browser first run:  :param company => 'company:hikvision'
// Each row: the subsidiary, the ownership path up to the company, the list, the listing date,
// the legal citation (e.g. a Federal Register notice) and the sources of the listing.
MATCH path = (child:Company)-[:SUBSIDIARY_OF|BRANCH_OF*1..6]->(parent:Company {id: $company})
MATCH (child)-[l:LISTED_ON]->(list:List)
RETURN child.id AS subsidiary, child.name AS name,
       [n IN nodes(path) | n.name] AS ownership_path,
       list.id AS list, list.name AS list_name,
       l.since AS since, l.until AS until, l.citation AS citation,
       l.name_as_listed AS name_as_listed, l.source_ids AS sources
ORDER BY subsidiary, list, since
