// Links a notice statement no longer makes (the statement or the entry is gone, or resolved
// elsewhere) are removed, so a rerun equals a clean load. $fact_ids: every link made now.
MATCH ()-[r:AFFILIATE_OF]->()
WHERE r.origin = 'notice' AND NOT r.fact_id IN $fact_ids
DELETE r
RETURN count(*) AS pruned
