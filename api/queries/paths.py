"""Shortest paths between two entities, or between an entity and a designation list.

A list is reached through a designation of something connected to the entity, searched
outward from the entity (api/paths_to_list.cypher), so a list's many entries never swamp the
search; a list-to-entity question is the same search read backwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from api import checks
from api import convert as c
from api import models as m
from api.queries.paths_known import between_known, to_list_known
from api.queries.steps import Missing, Query, read, read_one
from graph.model import edge_types


def paths(
    source: str,
    target: str,
    max_hops: int = 4,
    rels: Sequence[str] | None = None,
    limit: int = 25,
    as_of: str | None = None,
    known_at: str | None = None,
) -> Query[m.PathsAnswer]:
    """Shortest paths on `as_of`: designations and ownership edges count only when in
    force that day; undated relationships (located in, party to, ...) always count. With
    `known_at`, over the edges survgraph held then (api/queries/paths_known.py)."""
    day = checks.as_of(as_of)
    known_before = checks.known_before(known_at)
    max_hops = checks.check_max("max_hops", max_hops, checks.MAX_HOPS)
    limit = checks.check_max("limit", limit, checks.MAX_PATHS)
    types = checks.path_rels(rels)
    if source == target:
        itself = yield from _to_itself(source, day, max_hops, types, limit)
        itself.known_at = known_at
        return itself
    params: dict[str, Any] = {
        "max_hops": max_hops,
        "rels": types,
        "probe": limit + 1,
        "as_of": day,
    }
    row = yield from _search(source, target, params, known_before)
    if row is None:
        rows = yield from read("api/entity_ids", ids=[source, target])
        found = {r["id"]: r["found"] for r in rows}
        raise Missing("entity", source if not found.get(source) else target)
    book = c.SourceBook(row["sources"])
    found_paths = [c.path(p, book) for p in sorted(row["paths"], key=_path_order)]
    truncated = len(found_paths) > limit
    return m.PathsAnswer(
        as_of=day,
        known_at=known_at,
        source=c.entity_ref(row["source"]),
        target=c.entity_ref(row["target"]),
        max_hops=max_hops,
        rels=types,
        truncated=truncated,
        message=_message(found_paths[:limit], truncated, max_hops, types),
        results=found_paths[:limit],
        total=len(found_paths[:limit]),
        limit=limit,
        offset=0,
    )


def _search(
    source: str, target: str, params: dict[str, Any], known_before: str | None
) -> Query[dict[str, Any] | None]:
    if target.startswith("list:") and not source.startswith("list:"):
        return (yield from _to_list(_ends(source, target), params, known_before))
    if source.startswith("list:") and not target.startswith("list:"):
        row = yield from _to_list(_ends(target, source), params, known_before)
        return None if row is None else _reversed(row)
    if known_before is not None:
        return (yield from between_known(_ends(source, target), params, known_before))
    return (yield from read_one("api/paths", **params, **_ends(source, target)))


def _to_list(
    ends: dict[str, Any], params: dict[str, Any], known_before: str | None
) -> Query[dict[str, Any] | None]:
    if known_before is not None:
        return (yield from to_list_known(ends, params, known_before))
    return (yield from read_one("api/paths_to_list", **params, **ends))


def _path_order(path: dict[str, Any]) -> tuple[list[str], list[str]]:
    """A fixed order of paths (ALL SHORTEST gives none): by their nodes, then their facts."""
    nodes = [str(n["id"]) for n in path["nodes"]]
    return nodes, [str(e["props"].get("fact_id") or e["type"]) for e in path["edges"]]


def _ends(source: str, target: str) -> dict[str, Any]:
    """`from` and `to` are Python keywords, so they travel as a dict (with the dated edge
    types the statements test, graph.model.DATED_TYPES)."""
    return {"from": source, "to": target, "dated_types": edge_types()["dated_types"]}


def _reversed(row: dict[str, Any]) -> dict[str, Any]:
    """A list-to-entity question is answered by the entity-to-list search, read backwards."""
    return {
        **row,
        "source": row["target"],
        "target": row["source"],
        "paths": [
            {"nodes": list(reversed(p["nodes"])), "edges": list(reversed(p["edges"]))}
            for p in row["paths"]
        ],
    }


def _message(found: list[m.Path], truncated: bool, max_hops: int, types: list[str]) -> str:
    if found:
        return (
            f"{len(found)}{'+' if truncated else ''} shortest path(s) of length {found[0].length}"
        )
    return (
        f"no path of at most {max_hops} hops over {', '.join(types)} is recorded "
        "between these entities"
    )


def _to_itself(
    entity_id: str, day: str, max_hops: int, types: list[str], limit: int
) -> Query[m.PathsAnswer]:
    """From an entity to itself the one shortest path is the entity alone (length 0): a
    well-formed question with an answer, not an invalid request."""
    row = yield from read_one("api/entity_ref", id=entity_id)
    if row is None:
        raise Missing("entity", entity_id)
    ref = c.entity_ref(row["entity"])
    return m.PathsAnswer(
        as_of=day,
        source=ref,
        target=ref,
        max_hops=max_hops,
        rels=types,
        truncated=False,
        message="from an entity to itself the shortest path has length 0",
        results=[m.Path(length=0, nodes=[ref], edges=[])],
        total=1,
        limit=limit,
        offset=0,
    )
