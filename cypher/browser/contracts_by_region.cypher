// Government contracts performed in a region (or anywhere inside it), drawn: one row per
// contract, holding its path to the region (the place it is performed in, up the places it is
// part of), who is party to it and who awarded it; double-click a node to expand it. Every
// edge carries source_ids. contracts_by_region_table gives the same answer as a table, for
// export.
// In Neo4j Browser first run:  :param region => 'place:cn-xinjiang'
MATCH (region:Place {id: $region})
MATCH performed = (contract:Contract)-[:PERFORMED_IN]->(:Place)-[:PART_OF*0..5]->(region)
WITH contract, performed ORDER BY length(performed)
WITH contract, collect(performed)[0] AS performed
RETURN contract.name AS name, performed,
       COLLECT { MATCH party = (:Entity)-[:PARTY_TO]->(contract) RETURN party } AS parties,
       COLLECT { MATCH awarded = (contract)-[:AWARDED_BY]->(:GovernmentBody) RETURN awarded }
         AS awarded_by
ORDER BY contract.start, contract.id
