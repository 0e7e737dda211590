// Upsert sectors and brands (data/sectors.yaml, data/brands.yaml): named, cited nodes that are
// not entities; one removed from the data is removed with its edges. One row:
// {sectors: [{id, props}], brands: [{id, props}], ids: every id}.
UNWIND $rows AS row
CALL (row) {
  UNWIND row.sectors AS sector
  MERGE (n:Sector {id: sector.id})
  SET n = sector.props, n.id = sector.id
}
CALL (row) {
  UNWIND row.brands AS brand
  MERGE (n:Brand {id: brand.id})
  SET n = brand.props, n.id = brand.id
}
CALL (row) {
  MATCH (n) WHERE (n:Sector OR n:Brand) AND NOT n.id IN row.ids
  DETACH DELETE n
}
RETURN size(row.ids) AS written
