// A watchlist: its owner (the API key's hash), its name and its members (entity ids).
CREATE (w:Watchlist)
SET w = $watchlist
RETURN w.id AS id
