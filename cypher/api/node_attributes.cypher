// The name, kind labels and key properties of the nodes a graph file (GraphML, GEXF) names:
// an answer gives some nodes only as an edge's end, and a file should name every node.
// Sources appear when a neighbourhood follows MENTIONED_IN; their title is their name.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Entity {id: id})
  RETURN n
  UNION
  MATCH (n:Source {id: id})
  RETURN n
}
RETURN n {.id, name: coalesce(n.name, n.title),
          labels: [l IN labels(n) WHERE l <> 'Entity'],
          .short_name, .country, .kind, .status, .jurisdiction, .url, .publisher, .date} AS node
