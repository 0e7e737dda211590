// Migration `provenance-by-source`: the entities list loads made say why (`made_for`: an entry
// of their own, or a party an entry names) and which source made them (`origin`, which said
// 'csl' or 'list-claim' before), read from the snapshot that created them.
MATCH (n:Entity)
WHERE n.made_for IS NULL AND n.created_by_source IS NOT NULL
  AND n.origin IN ['csl', 'list-claim', 'ofac', 'dod-1260h']
CALL (n) {
  SET n.made_for = CASE WHEN n.origin = 'list-claim' THEN 'claim' ELSE 'entry' END,
      n.origin = CASE WHEN n.origin = 'list-claim'
                      THEN substring(n.created_by_source, 7, size(n.created_by_source) - 24)
                      ELSE n.origin END
} IN TRANSACTIONS OF 5000 ROWS
