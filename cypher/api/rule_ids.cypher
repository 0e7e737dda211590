// Which of the scope-rule ids $ids exist (a request naming a rule is checked with this first).
UNWIND $ids AS id
OPTIONAL MATCH (r:Rule {id: id})
RETURN id, r IS NOT NULL AS found
