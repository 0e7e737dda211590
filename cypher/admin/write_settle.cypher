// The announced commit has ended (committed or not): its token leaves the open set.
MATCH (w:WriteEpoch {id: 'graph'})
SET w.open = [t IN coalesce(w.open, []) WHERE NOT t STARTS WITH ($token + '|')]
