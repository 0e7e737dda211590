// Every node's labels and id: the shape of the graph, compared across loads (a load killed
// part-way and rerun must leave exactly what a clean load leaves).
MATCH (n)
RETURN labels(n) AS labels, n.id AS id
