"""The ownership and control walk of an answer, as held now or as survgraph held it on a day.

A path pattern walks the edges that exist. An edge deleted since a `known_at` day (a curated
fact taken out of data/, a review undone) survives only as its closed :FactRecord versions,
which no path pattern can follow; so a `known_at` answer walks level by level, one read of
cypher/api/edges_known.cypher per level, and reaches what the answer of that day reached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from api.queries.steps import Query, read, read_one
from graph.model import DATED_TYPES, WALKED_TYPES, edge_types

Path = list[dict[str, Any]]
PathOrder = Callable[[Path], Any]


@dataclass
class Walk:
    """What a walk from `start` reached: each entity at its shortest depth (the start at 0),
    and every edge read out of an entity nearer than the depth bound."""

    start: str
    depths: dict[str, int] = field(default_factory=dict)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)
    # the shortest path to each entity reached, from the start outwards; among equally short
    # ones the first under `order`
    paths: dict[str, Path] = field(default_factory=dict)
    order: PathOrder = field(default=lambda path: by_fact_ids(path))


@dataclass(frozen=True)
class Hop:
    """What one level of a walk follows (cypher/api/edges_known.cypher): edge types, which
    ends, whose dates are checked, whether a date must decide the day, which list it may end
    on. The default is the ownership and control walk upwards."""

    types: tuple[str, ...] = tuple(sorted(WALKED_TYPES))
    out: bool = True
    into: bool = False
    dated: tuple[str, ...] = tuple(sorted(DATED_TYPES))
    decided: bool = False
    through: str | None = None

    def params(self) -> dict[str, Any]:
        return {
            "types": list(self.types),
            "out": self.out,
            "in": self.into,
            "dated_types": list(self.dated),
            "decided": self.decided,
            "through": self.through,
        }


UP = Hop()
DOWN = Hop(out=False, into=True)


def hop_known(ids: list[str], hop: Hop, as_of: str, known_before: str) -> Query[list[Any]]:
    """One level of a walk: the edges of `ids` as held before `known_before`."""
    rows = yield from read(
        "api/edges_known", ids=ids, as_of=as_of, known_before=known_before, **hop.params()
    )
    return rows


def walk_known(
    start: str,
    depth: int,
    up: bool | Hop,
    as_of: str,
    known_before: str,
    order: PathOrder | None = None,
) -> Query[Walk]:
    """Breadth first, so an entity counts at the first level that reaches it and cycles end.
    `up`: the ownership walk's direction, or any other `Hop`; `order` chooses among equally
    short paths (default: the first by its edges' fact ids)."""
    hop = up if isinstance(up, Hop) else (UP if up else DOWN)
    found = Walk(start, depths={start: 0}, paths={start: []}, order=order or by_fact_ids)
    frontier = [start]
    for level in range(1, depth + 1):
        if not frontier:
            break
        rows = yield from hop_known(frontier, hop, as_of, known_before)
        frontier = _step(found, rows, level)
    return found


def _step(found: Walk, rows: list[Any], level: int) -> list[str]:
    reached = []
    for row in rows:
        edge, other = dict(row["edge"]), dict(row["other"])
        found.edges.append(edge)
        key = str(other["id"])
        found.nodes.setdefault(key, other)
        if key not in found.depths:
            found.depths[key] = level
            reached.append(key)
        if found.depths[key] == level:
            path = [*found.paths[str(row["from"])], edge]
            if key not in found.paths or found.order(path) < found.order(found.paths[key]):
                found.paths[key] = path
    return reached


def by_fact_ids(path: Path) -> Any:
    """Paths from the start outwards, compared by their edges' fact ids in that order. A key
    under which the best path to an entity extends the best path to the entity before it
    (a lexicographic order over the path read either way, a count added up) picks, level by
    level, what a path pattern's ORDER BY over whole paths picks."""
    return [str(e["props"].get("fact_id") or "") for e in path]


def derived_inputs(
    root: dict[str, Any], depth: int, as_of: str, lists: list[str] | None, known_before: str | None
) -> Query[dict[str, Any]]:
    """The edges up from the entity `root` (its id, name and labels), its owners' designations
    and the rules of their lists: api/derived.py's input."""
    entity_id = str(root["id"])
    if known_before is None:
        row = yield from read_one(
            "api/exposure_derived", id=entity_id, as_of=as_of, max_depth=depth, **edge_types()
        )
        up = dict(row) if row else {"edges": [], "owners": [], "nodes": []}
    else:
        walked = yield from walk_known(entity_id, depth, True, as_of, known_before)
        up = {
            "edges": walked.edges,
            "owners": [{"id": k, "depth": v} for k, v in walked.depths.items() if v > 0],
            "nodes": [n for k, n in walked.nodes.items() if k != entity_id],
        }
    rest = yield from read_one(
        "api/exposure_derived_claims",
        owners=[str(o["id"]) for o in up["owners"]],
        as_of=as_of,
        lists=lists,
        known_before=known_before,
    )
    found = rest or {}
    return {
        **up,
        "entity": root,
        "claims": found.get("claims") or [],
        "rules": found.get("rules") or [],
    }
