"""Shortest paths as survgraph held the graph on a record-time day (`known_at`).

api/paths.cypher and api/paths_to_list.cypher search with ALL SHORTEST path patterns, which
cannot follow an edge deleted since (a curated fact taken out, an entry ended, a review
undone). A `known_at` question searches breadth first instead, one read of
cypher/api/edges_known.cypher per level, and answers the row those statements answer: the two
ends, every shortest path (at most `probe`) and the sources they cite.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from api.queries.ownership import Hop, hop_known
from api.queries.steps import Query, read, read_one

Edge = dict[str, Any]


@dataclass
class Levels:
    """A breadth-first search: each node at its shortest distance from the start, and for each
    node reached, every (node one level nearer, edge) that reaches it."""

    start: str
    depths: dict[str, int] = field(default_factory=dict)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    before: dict[str, list[tuple[str, Edge]]] = field(default_factory=dict)

    def add(self, rows: list[Any], level: int) -> list[str]:
        """One level's edges; the nodes this level reached first, in the order read."""
        reached: list[str] = []
        for row in rows:
            other = dict(row["other"])
            key = str(other["id"])
            if key not in self.depths:
                self.depths[key] = level
                self.nodes[key] = other
                reached.append(key)
            if self.depths[key] == level:
                self.before.setdefault(key, []).append((str(row["from"]), dict(row["edge"])))
        return reached

    def paths_to(self, end: str, probe: int) -> list[dict[str, Any]]:
        """Every shortest path from the start to `end`, at most `probe`, in a stable order."""
        found: list[dict[str, Any]] = []
        for edges in self._edges_to(end):
            found.append({"nodes": self._nodes_along(edges), "edges": edges})
            if len(found) >= probe:
                break
        return found

    def _edges_to(self, end: str) -> Iterator[list[Edge]]:
        if end == self.start:
            yield []
            return
        for prev, edge in sorted(self.before.get(end, []), key=_stable):
            for head in self._edges_to(prev):
                yield [*head, edge]

    def _nodes_along(self, edges: list[Edge]) -> list[dict[str, Any]]:
        ids, here = [self.start], self.start
        for edge in edges:
            here = str(edge["end"] if edge["start"] == here else edge["start"])
            ids.append(here)
        return [self.nodes[i] for i in ids]


def _stable(pair: tuple[str, Edge]) -> tuple[str, str, str]:
    prev, edge = pair
    return (prev, str(edge["type"]), str(edge["props"].get("fact_id") or ""))


def between_known(
    ends: dict[str, Any], params: dict[str, Any], known_before: str
) -> Query[dict[str, Any] | None]:
    """api/paths.cypher's row as held then: the shortest paths from `from` to `to` (never
    through a list but the target), or None when an end is unknown."""
    levels = yield from _start(str(ends["from"]))
    target = yield from read_one("api/entity_ref", id=ends["to"])
    if levels is None or target is None:
        return None
    hop = _hop(params["rels"], through=str(ends["to"]))
    frontier = [levels.start]
    for level in range(1, int(params["max_hops"]) + 1):
        if not frontier or ends["to"] in levels.depths:
            break
        rows = yield from hop_known(frontier, hop, params["as_of"], known_before)
        frontier = levels.add(rows, level)
    found = levels.paths_to(str(ends["to"]), int(params["probe"]))
    return (yield from _row(levels, dict(target["entity"]), found))


def to_list_known(
    ends: dict[str, Any], params: dict[str, Any], known_before: str
) -> Query[dict[str, Any] | None]:
    """api/paths_to_list.cypher's row as held then: the shortest paths from the entity `from`
    to an entity listed on `to` with a designation in force and decided on `as_of`, then that
    designation."""
    levels = yield from _start(str(ends["from"]))
    target = yield from read_one("api/entity_ref", id=ends["to"])
    if levels is None or target is None or "List" not in target["entity"]["labels"]:
        return None
    rels = [r for r in params["rels"] if r != "LISTED_ON"]
    hop = _hop(rels, through=None)
    frontier, found = [levels.start], []
    if "LISTED_ON" in params["rels"]:
        for level in range(1, int(params["max_hops"]) + 1):
            found = yield from _listed_ends(
                levels, frontier, dict(target["entity"]), params, known_before
            )
            if found or level == int(params["max_hops"]) or not frontier:
                break
            rows = yield from hop_known(frontier, hop, params["as_of"], known_before)
            frontier = levels.add(rows, level)
    return (yield from _row(levels, dict(target["entity"]), found[: int(params["probe"])]))


def _start(entity_id: str) -> Query[Levels | None]:
    row = yield from read_one("api/entity_ref", id=entity_id)
    if row is None:
        return None
    return Levels(entity_id, depths={entity_id: 0}, nodes={entity_id: dict(row["entity"])})


def _hop(rels: list[str], through: str | None) -> Hop:
    return Hop(types=tuple(sorted(rels)), out=True, into=True, through=through)


def _listed_ends(
    levels: Levels,
    frontier: list[str],
    target: dict[str, Any],
    params: dict[str, Any],
    known_before: str,
) -> Query[list[dict[str, Any]]]:
    """The paths to the entities of `frontier` with a designation on the list `target` in
    force and decided then (as api/exposure_holders.cypher reads them), that designation
    last."""
    rows = yield from read(
        "api/exposure_holders",
        ids=frontier,
        as_of=params["as_of"],
        lists=[target["id"]],
        known_before=known_before,
    )
    found: list[dict[str, Any]] = []
    for row in rows:
        holder = str(row["holder"]["id"])
        for claim in row["claims"]:
            if not claim["decided"]:
                continue
            edge = {"type": "LISTED_ON", "start": holder, "end": target["id"]}
            for path in levels.paths_to(holder, int(params["probe"])):
                props = dict(claim["props"])
                found.append(
                    {
                        "nodes": [*path["nodes"], target],
                        "edges": [*path["edges"], {**edge, "props": props}],
                    }
                )
    return found


def _row(
    levels: Levels, target: dict[str, Any], paths: list[dict[str, Any]]
) -> Query[dict[str, Any]]:
    sids = [s for p in paths for e in p["edges"] for s in e["props"].get("source_ids") or []]
    wanted = list(dict.fromkeys(sids))
    rows = (yield from read("api/sources", ids=wanted)) if wanted else []
    return {
        "source": levels.nodes[levels.start],
        "target": target,
        "paths": paths,
        "sources": [dict(r["source"]) for r in rows],
    }
