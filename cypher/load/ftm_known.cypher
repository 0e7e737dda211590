// Which of the given ids are already entities, and which entities carry the given FtM ids
// (recorded in `ftm_ids` by earlier FtM loads and accepted reviews).
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect(n.id) AS existing
}
CALL () {
  MATCH (n:Entity) WHERE n.ftm_ids IS NOT NULL
  UNWIND n.ftm_ids AS fid
  WITH fid, n WHERE fid IN $ftm_ids
  RETURN collect([fid, n.id]) AS known
}
RETURN existing, known
