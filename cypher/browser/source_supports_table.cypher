// Everything a given source supports: the entities and relationship facts that cite it.
// As a table, for export (source_supports draws the same answer as a graph).
// In Neo4j Browser first run:  :param source => 'source:reuters-2024-12-hikvision-xinjiang'
MATCH (s:Source {id: $source})
CALL (s) {
  MATCH (n:Entity) WHERE s.id IN n.source_ids
  RETURN 'entity' AS kind, n.id AS subject, labels(n)[-1] AS what, null AS object
  UNION ALL
  MATCH (a)-[r]->(b) WHERE s.id IN r.source_ids
  RETURN 'fact' AS kind, a.id AS subject, type(r) AS what, b.id AS object
}
RETURN s.title AS source, s.publisher AS publisher, s.date AS date, kind, subject, what, object
ORDER BY kind, subject
