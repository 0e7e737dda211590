// Upsert entities (Company, GovernmentBody, Place, List, Contract) on their unique id.
// row.label is checked against a fixed set by the loader before it gets here.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.label)
SET n += row.props
