// A write, sent through the read path by a test: a server that receives it in read access
// mode refuses it, which shows the read path asks for read access (what a cluster routes on).
CREATE (p:ReadModeProbe)
RETURN count(p) AS created
