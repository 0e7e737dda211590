// How many Person entities exist: when none do, individuals need no resolving.
MATCH (p:Person:Entity)
RETURN count(p) AS persons
