// Which subsidiaries (and branches, holdings and controlled companies) of a company are on a
// designation list, and where? As a table, for export (listed_subsidiaries draws the same
// answer as a graph).
// In Neo4j Browser first run:  :param company => 'company:hikvision'
// Each row: the subsidiary, the ownership or control path up to the company (curated facts and
// the claims the lists themselves state, e.g. a DoD 1260H parent or a "subordinate
// institution"), each path edge with its share in the source's words, basis and sources, the list, the listing date, the legal citation (e.g. a
// Federal Register notice) and the sources of the listing.
MATCH path = (child:Company)-[:SUBSIDIARY_OF|OWNED_BY|BRANCH_OF|CONTROLLED_BY*1..6]->(parent:Company {id: $company})
WITH child, path ORDER BY length(path)
WITH child, collect(path)[0] AS path
MATCH (child)-[l:LISTED_ON]->(list:List)
RETURN child.id AS subsidiary, child.name AS name,
       [n IN nodes(path) | n.name] AS ownership_path,
       [r IN relationships(path) |
         {type: type(r), share: r.share_text, basis: coalesce(r.basis, r.note, r.role),
          sources: r.source_ids}] AS path_edges,
       list.id AS list, list.name AS list_name,
       l.since AS since, l.until AS until, l.citation AS citation,
       l.name_as_listed AS name_as_listed, l.source_ids AS sources
ORDER BY subsidiary, list, since
