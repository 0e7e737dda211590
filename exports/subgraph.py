"""The neutral subgraph the graph-file exporters write: nodes and edges, nothing of HTTP.

An API answer (a neighbourhood, subsidiaries, paths) is converted to a `Subgraph` by the API
(`api/subgraphs.py`), so the exporters know neither the answer models nor the transport, and
any other producer of nodes and edges can use them too.

Every edge names its relationship type, dates (since/until with their precisions), basis and
source ids as fields of its own, not as optional properties, because a journalist opening the
file must see where each claim comes from on every edge. Everything else a node or an edge
carries is a flat property: a scalar, or a list of scalars (written joined, see `joined`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

Scalar = str | int | float | bool
Value = Scalar | Sequence[Scalar] | None
# How a list-valued property is written in a file: one string, FtM's own joiner
# (followthemoney `PropertyType.join`, which its GEXF export uses too).
LIST_SEPARATOR = "; "


def joined(values: Sequence[Scalar]) -> str:
    return LIST_SEPARATOR.join(text(v) for v in values)


def text(value: Scalar) -> str:
    """A scalar as both formats write it (XML Schema lexical forms for booleans)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class Node:
    id: str
    name: str | None = None
    labels: tuple[str, ...] = ()
    properties: Mapping[str, Value] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """What a viewer shows on the node: its name, or its id when it has none."""
        return self.name or self.id


# A relationship's `key` (what keeps two claims about one pair apart) is written as `claim_key`:
# networkx's GEXF reader passes every attribute to `add_edge` beside its own `key` argument.
RENAMED = {"key": "claim_key"}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: str
    fact_id: str | None = None
    since: str | None = None
    since_precision: str | None = None
    until: str | None = None
    until_precision: str | None = None
    basis: str | None = None
    source_ids: tuple[str, ...] = ()
    properties: Mapping[str, Value] = field(default_factory=dict)

    def attributes(self) -> dict[str, Value]:
        """The edge's own fields first (always in this order), then its other properties."""
        own: dict[str, Value] = {
            "type": self.type,
            "since": self.since,
            "since_precision": self.since_precision,
            "until": self.until,
            "until_precision": self.until_precision,
            "basis": self.basis,
            "source_ids": self.source_ids,
            "fact_id": self.fact_id,
        }
        return own | {RENAMED.get(k, k): v for k, v in self.properties.items() if k not in own}


# The attributes every edge declares, even where a value is absent.
EDGE_FIELDS = tuple(Edge("", "", "").attributes())
NODE_FIELDS = ("name", "labels")


@dataclass
class Subgraph:
    """Nodes by id and edges by fact (a fact met twice, e.g. on two paths, is one edge).

    `name` is a file stem ("subsidiaries-company-hikvision"); `description` says in words
    which question the subgraph answers and on which day."""

    name: str
    description: str = ""
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)

    def add_node(self, node: Node) -> None:
        """The first node with an id wins; a later one adds only the properties it lacks."""
        known = self.nodes.get(node.id)
        if known is None:
            self.nodes[node.id] = node
            return
        merged = {**node.properties, **known.properties}
        self.nodes[node.id] = Node(
            known.id, known.name or node.name, known.labels or node.labels, merged
        )

    def add_edge(self, edge: Edge) -> None:
        """Endpoints become nodes (id only) until a node of their own is added."""
        key = edge.fact_id or f"{edge.type} {edge.source} {edge.target}"
        self.edges.setdefault(key, edge)
        for end in (edge.source, edge.target):
            self.add_node(Node(end))

    def edge_ids(self) -> Iterator[tuple[str, Edge]]:
        """(id, edge): the fact id, or `edge-<n>` for a relationship without one (ids must be
        XML name tokens in GraphML, which a type and two ids joined by spaces are not)."""
        for number, edge in enumerate(self.edges.values()):
            yield (edge.fact_id or f"edge-{number}"), edge


def node_attributes(node: Node) -> dict[str, Value]:
    return {"name": node.name, "labels": node.labels, **node.properties}


def present(attributes: Mapping[str, Value]) -> Iterable[tuple[str, Value]]:
    """The attributes worth writing: no None, no empty string, no empty list."""
    return ((k, v) for k, v in attributes.items() if not _empty(v))


def _empty(value: Value) -> bool:
    if value is None:
        return True
    return False if isinstance(value, bool | int | float) else len(value) == 0


def file_stem(*parts: str) -> str:
    """`subsidiaries`, `company:hikvision` -> `subsidiaries-company-hikvision`: safe as a file
    name and as an XML name token."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", "-".join(parts)).strip("-.") or "subgraph"
