// The names a load's own judgements added to entities the graph already had (a matched
// entry's names join the entity's aliases; `applied_aliases` keeps the ones that were new),
// so a load killed part-way and rerun can see those entities as the clean load saw them.
MATCH (r:ReviewItem)
WHERE r.decided_by = 'survgraph resolver' AND $source_id IN coalesce(r.source_ids, [])
  AND size(coalesce(r.applied_aliases, [])) > 0
RETURN r.chosen_id AS entity_id, r.applied_aliases AS aliases
ORDER BY r.id
