// Every :Entity as the resolver indexes it: id, name, kind labels and aliases (the short
// name counts as an alias).
MATCH (n:Entity)
RETURN n.id AS id, coalesce(n.name, n.id) AS name,
       [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       coalesce(n.aliases, []) + CASE WHEN n.short_name IS NULL THEN [] ELSE [n.short_name] END
         AS aliases
