// One watchlist, only for the key that created it, with its members' names.
MATCH (w:Watchlist {id: $id})
WHERE w.owner = $owner
CALL (w) {
  UNWIND w.members AS member_id
  OPTIONAL MATCH (e:Entity {id: member_id})
  RETURN collect({id: member_id, name: e.name, labels: labels(e)}) AS members
}
RETURN w {.id, .name, .created_at, .screening} AS watchlist, members
