// A writer is about to commit: readers that began before the commit ends must not trust
// what they read (see graph/db.py, "consistent reads"). The token is `<uuid>|<epoch ms>`;
// tokens older than $stale_ms belong to writers that died between announce and settle.
MERGE (w:WriteEpoch {id: 'graph'})
SET w.started = coalesce(w.started, 0) + 1,
    w.open = [t IN coalesce(w.open, []) WHERE toInteger(split(t, '|')[1]) > timestamp() - $stale_ms]
             + ($token + '|' + toString(timestamp()))
