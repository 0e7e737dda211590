// Upsert what designating notices state about the entries they added (data/notices.yaml), as
// (:NoticeStatement) nodes; a statement no longer in the data is removed (its links are pruned
// by load/notice_links_prune). One row: {ids: every statement id, notices: [{id, props}]}.
UNWIND $rows AS row
CALL (row) {
  UNWIND row.notices AS notice
  MERGE (n:NoticeStatement {id: notice.id})
  SET n = notice.props, n.id = notice.id
}
CALL (row) {
  MATCH (n:NoticeStatement) WHERE NOT n.id IN row.ids
  DELETE n
}
RETURN size(row.ids) AS notices
