// Every resolvable entity with its names, for building the in-memory resolver index, and the
// evidence it carries beyond them (countries, identifiers, the kind of party). In id order:
// the index, its ties and its bounded candidate pools must not depend on how the store
// happens to lay nodes out (a killed and rerun load lays them out differently).
// Merged-away entities (MERGED_INTO another) are left out: their names live on the survivor.
// A load passes its own snapshot as $exclude_source: the entities that snapshot created are
// left out, so a load killed part-way and rerun resolves against what a clean load saw;
// `survgraph dedupe` passes $exclude_made_for 'entry': the entities list loads made for their
// entries are there as those entries instead.
MATCH (n:Entity)
WHERE NOT (n)-[:MERGED_INTO]->()
  AND ($exclude_source IS NULL OR coalesce(n.created_by_source, '') <> $exclude_source)
  AND ($exclude_made_for IS NULL OR coalesce(n.made_for, '') <> $exclude_made_for)
RETURN n.id AS id, n.name AS name,
       [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       [a IN coalesce(n.aliases, []) WHERE a IS NOT NULL | toString(a)]
         + CASE WHEN n.short_name IS NULL THEN [] ELSE [n.short_name] END AS aliases,
       coalesce(n.countries, []) + CASE WHEN n.country IS NULL THEN [] ELSE [n.country] END
         AS countries,
       coalesce(n.identifiers, []) AS identifiers,
       CASE WHEN n:Person THEN 'individual' ELSE toLower(coalesce(n.csl_type, 'entity')) END
         AS kind
ORDER BY id
