// Every entity carrying an identifier of the register's scheme ($prefix, e.g. 'lei:'), with
// those identifiers: a register's records are matched on its key before any name.
// Identifiers are stored 'scheme:value' (curated, FtM) or 'scheme:value:country'.
MATCH (n:Entity)
WHERE any(i IN coalesce(n.identifiers, []) WHERE toLower(i) STARTS WITH $prefix)
RETURN n.id AS id,
       [i IN n.identifiers WHERE toLower(i) STARTS WITH $prefix] AS keys
ORDER BY n.id
