// A reviewer's match adds the input's names and FtM ids to the chosen entity; returns what
// was actually added, which the review item records so an undo removes exactly that.
MATCH (n:Entity {id: $id})
WITH n,
     [a IN $aliases WHERE NOT a IN coalesce(n.aliases, []) AND a <> n.name] AS new_aliases,
     [f IN $ftm_ids WHERE NOT f IN coalesce(n.ftm_ids, [])] AS new_ftm_ids
SET n.aliases = coalesce(n.aliases, []) + new_aliases,
    n.ftm_ids = coalesce(n.ftm_ids, []) + new_ftm_ids
RETURN new_aliases, new_ftm_ids
