// Everything a given source supports, drawn: the source, the entities that cite it and every
// relationship fact that cites it (each with its two ends); double-click a node to expand it.
// source_supports_table gives the same answer as a table, for export.
// In Neo4j Browser first run:  :param source => 'source:reuters-2024-12-hikvision-xinjiang'
MATCH (s:Source {id: $source})
RETURN s AS source,
       COLLECT { MATCH (n:Entity) WHERE s.id IN n.source_ids RETURN n } AS entities,
       COLLECT { MATCH fact = ()-[r]->() WHERE s.id IN r.source_ids RETURN fact } AS facts
