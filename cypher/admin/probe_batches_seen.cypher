// How many probe links of each batch a read sees, expanding from the hub as the API expands
// from a list: a consistent read sees every batch whole.
MATCH (:ConsistencyHub {id: 'hub'})<-[r:PROBE]-(p:ConsistencyProbe)
WHERE reduce(s = 0, x IN range(1, 100) | s + x) > 0
RETURN r.batch AS batch, count(*) AS seen
