// Ownership and control edges ($walked_types, graph.model.WALKED_TYPES) written before shares
// were stored as intervals (graph/shares.py): each edge's element id and its older `share`
// value, for the one-time migration (graph/schema.py) that gives them the share fields.
MATCH ()-[r:$any($walked_types)]->()
WHERE r.share_kind IS NULL
RETURN elementId(r) AS id, r.share AS share
