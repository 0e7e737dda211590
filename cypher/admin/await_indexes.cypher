// Wait until every index (including the full-text index) is online before loading or querying.
CALL db.awaitIndexes(300)
