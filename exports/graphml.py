"""A subgraph as GraphML (http://graphml.graphdrawing.org/), for yEd, Gephi, Cytoscape, networkx.

```xml
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ...>
  <desc>Subsidiaries of company:hikvision on 2024-06-30</desc>
  <key id="n.label" for="node" attr.name="label" attr.type="string"/>
  ...
  <key id="e.since" for="edge" attr.name="since" attr.type="string"/>
  <graph id="subsidiaries-company-hikvision" edgedefault="directed">
    <node id="company:hikvision"><data key="n.label">Hangzhou Hikvision ...</data>...</node>
    <edge id="fact:..." source="company:moyu-haishi" target="list:us-bis-entity-list">
      <data key="e.type">LISTED_ON</data><data key="e.since">2023-03-30</data>...
```

Node and edge ids are ours (`company:hikvision`, a `fact:` id), XML name tokens by
construction (`graph.model.slug`). Every node declares `label` (its name, or its id: the
attribute Gephi and yEd show), `name` and `labels`; every edge `label` (its type), `type`,
`since`, `since_precision`, `until`, `until_precision`, `basis`, `source_ids`, `fact_id`,
then every other property the subgraph holds, with the types `exports.common` declares.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from exports.common import XSI, GraphExporter, Xml, declared, lexical
from exports.subgraph import EDGE_FIELDS, NODE_FIELDS, Subgraph, Value, node_attributes, present

NS = "http://graphml.graphdrawing.org/xmlns"
LOCATION = f"{NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"


class GraphML(GraphExporter):
    format = "graphml"
    media_type = "application/graphml+xml"
    extension = "graphml"

    def document(self, xml: Xml, graph: Subgraph) -> Iterator[None]:
        nodes = {n.id: {"label": n.label, **node_attributes(n)} for n in graph.nodes.values()}
        edges = [(i, e, {"label": e.type, **e.attributes()}) for i, e in graph.edge_ids()]
        xml.open(0, "graphml", {"xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": LOCATION})
        if graph.description:
            xml.leaf(1, "desc", body=graph.description)
        _keys(xml, "node", declared(nodes.values(), ("label", *NODE_FIELDS)))
        _keys(xml, "edge", declared((a for _, _, a in edges), ("label", *EDGE_FIELDS)))
        xml.open(1, "graph", {"id": graph.name, "edgedefault": "directed"})
        for node_id, attributes in nodes.items():
            _element(xml, "node", {"id": node_id}, attributes)
            yield
        for edge_id, edge, attributes in edges:
            ends = {"id": edge_id, "source": edge.source, "target": edge.target}
            _element(xml, "edge", ends, attributes)
            yield
        xml.close(1, "graph")
        xml.close(0, "graphml")


def _keys(xml: Xml, domain: str, keys: Mapping[str, str]) -> None:
    for name, kind in keys.items():
        attrs = {"id": f"{domain[0]}.{name}", "for": domain, "attr.name": name}
        xml.leaf(1, "key", {**attrs, "attr.type": kind})


def _element(xml: Xml, tag: str, attrs: Mapping[str, str], data: Mapping[str, Value]) -> None:
    xml.open(2, tag, attrs)
    for name, value in present(data):
        xml.leaf(3, "data", {"key": f"{tag[0]}.{name}"}, lexical(value))
    xml.close(2, tag)
