// The server's name, version and edition, for /health and for checking we run 5.26 Community.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
