// Transactions other than this one that are running a statement: lets a test kill a load
// while its transaction is open.
SHOW TRANSACTIONS YIELD currentQuery, status
WHERE currentQuery <> '' AND NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
RETURN count(*) AS open
