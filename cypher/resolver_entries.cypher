// Every resolvable entity with its names, for building the in-memory resolver index.
// Merged-away entities (MERGED_INTO another) are left out: their names live on the survivor.
MATCH (n:Entity)
WHERE NOT (n)-[:MERGED_INTO]->()
RETURN n.id AS id, n.name AS name,
       [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       [a IN coalesce(n.aliases, []) WHERE a IS NOT NULL | toString(a)]
         + CASE WHEN n.short_name IS NULL THEN [] ELSE [n.short_name] END AS aliases
