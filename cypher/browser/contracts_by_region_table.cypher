// Government contracts performed in a region (or anywhere inside it), with who awarded them,
// who is party to them, and their status.
// As a table, for export (contracts_by_region draws the same answer as a graph).
// In Neo4j Browser first run:  :param region => 'place:cn-xinjiang'
MATCH (region:Place {id: $region})
MATCH (contract:Contract)-[:PERFORMED_IN]->(place:Place)-[:PART_OF*0..5]->(region)
OPTIONAL MATCH (company)-[party:PARTY_TO]->(contract)
OPTIONAL MATCH (contract)-[:AWARDED_BY]->(gov:GovernmentBody)
RETURN contract.id AS contract, contract.name AS name, place.name AS place,
       collect(DISTINCT company.name) AS parties, collect(DISTINCT gov.name) AS awarded_by,
       contract.start AS start, contract.status AS status, contract.status_date AS status_date,
       contract.source_ids AS sources
ORDER BY start, contract
