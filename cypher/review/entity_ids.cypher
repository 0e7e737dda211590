// Which of the given ids exist as entities (for checking a reviewer's choice), and which
// entities carry the given FtM ids (for facts whose other end came from the same FtM file).
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect(DISTINCT n.id) AS found
}
CALL () {
  UNWIND $ftm_ids AS fid
  MATCH (n:Entity) WHERE fid IN n.ftm_ids
  RETURN collect(DISTINCT [fid, n.id]) AS ftm
}
RETURN found, ftm
