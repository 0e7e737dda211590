"""Answers as subgraphs, for the graph files of `exports/` (GraphML, GEXF).

A neighbourhood is its nodes and edges; subsidiaries are the root, each subsidiary, the
ownership edges of its path and a LISTED_ON edge per claim of its designations (to the list);
paths are every node and edge of every path. A fact met twice (two paths through one edge) is
one edge. `subgraph` asks the question, converts its answer and reads the nodes' names, labels
and key properties (`api/node_attributes.cypher`): an owner between a subsidiary and the root
appears in the answer only as an edge's end, and a graph file should name it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import singledispatch
from typing import Any, TypeVar

from api import models as m
from api.queries.steps import Query, read
from exports.subgraph import Edge, Node, Subgraph, Value, file_stem

A = TypeVar("A")
_DATES = ("since", "since_precision", "until", "until_precision")
_CLAIM_OWN = {"fact_id", "source_ids", "sources", "properties", *_DATES}


def subgraph(ask: Query[A]) -> Query[Subgraph]:
    """The question's answer as a subgraph with named nodes."""
    answer = yield from ask
    graph = of(answer)
    rows = yield from read("api/node_attributes", ids=list(graph.nodes))
    return named(graph, [dict(r["node"]) for r in rows])


@singledispatch
def of(answer: object) -> Subgraph:
    raise TypeError(f"{type(answer).__name__} has no graph form")


@of.register
def _(answer: m.Neighborhood) -> Subgraph:
    truncated = " (truncated at the edge cap)" if answer.truncated else ""
    graph = Subgraph(
        file_stem("neighborhood", answer.center.id),
        f"Neighbourhood of {answer.center.id} to depth {answer.depth}{truncated}",
    )
    for ref in answer.nodes:
        graph.add_node(node(ref))
    for e in answer.edges:
        graph.add_edge(edge(e))
    return graph


@of.register
def _(answer: m.SubsidiariesAnswer) -> Subgraph:
    graph = Subgraph(file_stem("subsidiaries", answer.root.id), _subsidiaries_said(answer))
    graph.add_node(node(answer.root, depth=0))
    for sub in answer.results:
        graph.add_node(node(sub.entity, depth=sub.depth, listed=sub.listed))
        for e in sub.path:
            graph.add_edge(edge(e))
        for designation in sub.designations:
            graph.add_node(node(designation.list_ref))
            for claim in designation.claims:
                graph.add_edge(listed_on(sub.entity.id, designation, claim))
    return graph


def _subsidiaries_said(answer: m.SubsidiariesAnswer) -> str:
    which = "Listed subsidiaries" if answer.listed else "Subsidiaries"
    lists = f", designations on {', '.join(answer.lists)}" if answer.lists else ""
    shown = answer.offset + len(answer.results)
    page = f" ({shown} of {answer.total})" if shown < answer.total or answer.offset else ""
    return f"{which} of {answer.root.id} on {answer.as_of}, to depth {answer.depth}{lists}{page}"


@of.register
def _(answer: m.PathsAnswer) -> Subgraph:
    graph = Subgraph(
        file_stem("paths", answer.source.id, answer.target.id),
        f"Shortest paths from {answer.source.id} to {answer.target.id} on {answer.as_of}: "
        + answer.message,
    )
    for ref in (answer.source, answer.target):
        graph.add_node(node(ref))
    for found in answer.results:
        for ref in found.nodes:
            graph.add_node(node(ref))
        for e in found.edges:
            graph.add_edge(edge(e))
    return graph


def node(ref: m.EntityRef, **properties: Value) -> Node:
    return Node(ref.id, ref.name, tuple(ref.labels), properties)


def edge(e: m.Edge) -> Edge:
    """An answer's edge: its dates come out of `properties`, its other fields stay."""
    props = dict(e.properties)
    dates = {k: _text(props.pop(k, None)) for k in _DATES}
    extra = {"origin": e.origin, "note": e.note, "ownership": e.ownership}
    return Edge(
        e.from_id,
        e.to_id,
        e.type,
        e.fact_id,
        **dates,
        basis=e.basis,
        source_ids=tuple(e.source_ids),
        properties=flat({**extra, **props}),
    )


def listed_on(entity_id: str, designation: m.Designation, claim: m.Claim) -> Edge:
    """One claim of a designation: one LISTED_ON relationship, with the designation's status
    on the answer's day beside the claim's own `in_force`."""
    fields = claim.model_dump(exclude=_CLAIM_OWN)
    basis = claim.properties.get("basis") or claim.note
    return Edge(
        entity_id,
        designation.list_ref.id,
        "LISTED_ON",
        claim.fact_id,
        since=claim.since,
        since_precision=claim.since_precision,
        until=claim.until,
        until_precision=claim.until_precision,
        basis=_text(basis),
        source_ids=tuple(claim.source_ids),
        properties=flat({**fields, **claim.properties, "designation_status": designation.status}),
    )


def named(graph: Subgraph, rows: Sequence[Mapping[str, Any]]) -> Subgraph:
    """The graph with each node's stored name, labels and key properties."""
    for row in rows:
        known = graph.nodes.get(str(row["id"]))
        if known is None:
            continue
        keys = flat({k: v for k, v in row.items() if k not in ("id", "name", "labels")})
        labels = tuple(row.get("labels") or ()) or known.labels
        props = {**keys, **known.properties}
        graph.nodes[known.id] = Node(known.id, row.get("name") or known.name, labels, props)
    return graph


def flat(values: Mapping[str, Any]) -> dict[str, Value]:
    """Scalars and lists of scalars as they are; anything else (a map) as its text."""
    return {k: _value(v) for k, v in values.items()}


def _value(value: Any) -> Value:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return tuple(v if isinstance(v, str | bool | int | float) else str(v) for v in value)
    return str(value)


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)
