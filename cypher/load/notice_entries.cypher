// Every list entry that may cite a notice statement's page (a substring match; the loader
// keeps those whose own, first citation is that page), with the entity it resolved to and the
// sources of its listing. No parameters.
MATCH (n:NoticeStatement)
MATCH (l:List {id: n.list})<-[:ON_LIST]-(e:ListEntry)
WHERE e.federal_register_notice CONTAINS n.entries_cite
MATCH (e)-[:RESOLVED_TO]->(a:Entity)
OPTIONAL MATCH (a)-[d:LISTED_ON {entry_id: e.id}]->(l)
RETURN n.id AS notice, n.party AS party, n.notice_relation AS relation, n.quote AS quote,
       n.citation AS citation, n.entries_cite AS entries_cite, n.published AS published,
       n.source_ids AS notice_sources, coalesce(n.entries_named, []) AS entries_named,
       e.id AS entry, e.name AS name, coalesce(e.alt_names, []) AS alt_names,
       e.federal_register_notice AS cites, a.id AS entity,
       coalesce(d.source_ids, []) AS listing_sources
ORDER BY notice, entity, entry
