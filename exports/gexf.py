"""A subgraph as GEXF 1.2 (http://gexf.net/), the format Gephi opens natively.

```xml
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2" ...>
  <meta lastmodifieddate="2026-12-04"><creator>survgraph</creator><description>...</description>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node"><attribute id="name" title="name" type="string"/>...
    <attributes class="edge"><attribute id="type" title="type" type="string"/>...
    <nodes><node id="company:hikvision" label="Hangzhou Hikvision ..."><attvalues>...
    <edges><edge id="fact:..." source="..." target="..." label="LISTED_ON"><attvalues>
      <attvalue for="since" value="2023-03-30"/><attvalue for="source_ids" value="..."/>...
```

GEXF 1.2draft, not 1.3: Gephi reads both, and 1.2draft is the version whose schema the tests
can obtain to validate against (see tests/test_graph_exports.py). A node's `label` is its name
(or its id), an edge's its relationship type; the attributes are those of `exports.graphml`
(without the `label` key, which GEXF carries on the element), with the same types. Dates stay
attributes, not GEXF time spells: a date known only to the year or month is not a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from exports.common import XSI, GraphExporter, Xml, declared, lexical
from exports.subgraph import EDGE_FIELDS, NODE_FIELDS, Subgraph, Value, node_attributes, present

NS = "http://www.gexf.net/1.2draft"
LOCATION = f"{NS} http://www.gexf.net/1.2draft/gexf.xsd"


class Gexf(GraphExporter):
    format = "gexf"
    media_type = "application/gexf+xml"
    extension = "gexf"

    def document(self, xml: Xml, graph: Subgraph) -> Iterator[None]:
        nodes = [(n.id, n.label, node_attributes(n)) for n in graph.nodes.values()]
        edges = [(i, e, e.attributes()) for i, e in graph.edge_ids()]
        root = {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": LOCATION, "version": "1.2"}
        xml.open(0, "gexf", root)
        _meta(xml, graph)
        xml.open(1, "graph", {"defaultedgetype": "directed", "mode": "static"})
        _attributes(xml, "node", declared((a for _, _, a in nodes), NODE_FIELDS))
        _attributes(xml, "edge", declared((a for _, _, a in edges), EDGE_FIELDS))
        xml.open(2, "nodes", {"count": str(len(nodes))})
        for node_id, label, attributes in nodes:
            _element(xml, "node", {"id": node_id, "label": label}, attributes)
            yield
        xml.close(2, "nodes")
        xml.open(2, "edges", {"count": str(len(edges))})
        for edge_id, edge, attributes in edges:
            ends = {"id": edge_id, "source": edge.source, "target": edge.target}
            _element(xml, "edge", {**ends, "label": edge.type}, attributes)
            yield
        xml.close(2, "edges")
        xml.close(1, "graph")
        xml.close(0, "gexf")


def _meta(xml: Xml, graph: Subgraph) -> None:
    xml.open(1, "meta", {"lastmodifieddate": dt.date.today().isoformat()})
    xml.leaf(2, "creator", body="survgraph")
    if graph.description:
        xml.leaf(2, "description", body=graph.description)
    xml.close(1, "meta")


def _attributes(xml: Xml, domain: str, keys: Mapping[str, str]) -> None:
    xml.open(2, "attributes", {"class": domain})
    for name, kind in keys.items():
        xml.leaf(3, "attribute", {"id": name, "title": name, "type": kind})
    xml.close(2, "attributes")


def _element(xml: Xml, tag: str, attrs: Mapping[str, str], data: Mapping[str, Value]) -> None:
    values = list(present(data))
    if not values:
        xml.leaf(3, tag, attrs)
        return
    xml.open(3, tag, attrs)
    xml.open(4, "attvalues")
    for name, value in values:
        xml.leaf(5, "attvalue", {"for": name, "value": lexical(value)})
    xml.close(4, "attvalues")
    xml.close(3, tag)
