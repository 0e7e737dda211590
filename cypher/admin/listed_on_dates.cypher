// Every designation's date, precision and the day it is decided from (tests, audits).
MATCH ()-[r:LISTED_ON]->()
RETURN r.fact_id AS fact_id, r.since AS since, r.since_precision AS precision,
       r.status AS status, r.decided_from AS decided_from
