// Which of the given ids ($ids) are :List nodes (to validate a `lists=` request field).
UNWIND $ids AS id
OPTIONAL MATCH (l:List {id: id})
RETURN id, l IS NOT NULL AS found
