"""Answers along ownership chains as survgraph held them on a record-time day (`known_at`).

cypher/api/exposure.cypher and cypher/api/subsidiaries.cypher walk the ownership and control
chains with path patterns, which cannot follow an edge deleted since (api/queries/ownership.py).
A `known_at` answer walks level by level instead and gives the statement's row: each entity
reached with the path the statement would choose, and the designations it had then, in the
statement's order and pages.
"""

from __future__ import annotations

from typing import Any

from api.queries.ownership import UP, Hop, Path, Walk, hop_known, walk_known
from api.queries.steps import Query, read, read_one
from graph.model import CONTROL_TYPES

Item = dict[str, Any]
_RANK = {"self": 0, "parent": 1, "subsidiary": 2}


def exposure_row(
    entity_id: str,
    depth: int,
    as_of: str,
    lists: list[str] | None,
    page: tuple[int, int],
    known_before: str,
) -> Query[dict[str, Any] | None]:
    """api/exposure.cypher's row (root, total, results, own, sources) as held then; None for
    an unknown id. `page` is (offset, limit)."""
    root = yield from read_one("api/entity_ref", id=entity_id)
    if root is None:
        return None
    up = yield from walk_known(entity_id, depth, True, as_of, known_before)
    down = yield from walk_known(entity_id, depth, False, as_of, known_before)
    ids = sorted({entity_id, *up.paths, *down.paths})
    rows = yield from read(
        "api/exposure_holders", ids=ids, as_of=as_of, lists=lists, known_before=known_before
    )
    items = sorted(_items(entity_id, rows, up, down), key=_order)
    offset, limit = page
    shown, own = items[offset : offset + limit], [x for x in items if x["relation"] == "self"]
    cited = sorted({s for item in [*shown, *own] for s in _cited(item)})
    sources = (yield from read("api/sources", ids=cited)) if cited else []
    return {
        "root": root["entity"],
        "total": len(items),
        "results": shown,
        "own": own,
        "sources": [dict(r["source"]) for r in sources],
    }


def _items(entity_id: str, rows: list[Any], up: Walk, down: Walk) -> list[Item]:
    """One item per (relation, holder, list): the entity itself, each owner or controller up
    its chains and each entity down them (one entity may be both, as in the statement)."""
    out = []
    for row in rows:
        holder = dict(row["holder"])
        key = str(holder["id"])
        found = {"holder": holder, "claims": row["claims"], "rules": row["rules"]}
        if key == entity_id:
            out.append({"relation": "self", "path": [], **found})
        if key != entity_id and key in up.paths:
            out.append({"relation": "parent", "path": up.paths[key], **found})
        if key != entity_id and key in down.paths:
            out.append({"relation": "subsidiary", "path": down.paths[key], **found})
    return out


def _order(item: Item) -> tuple[int, int, bool, str, str, str]:
    """The statement's ORDER BY: relation, path length, holder name (nulls last), id, list."""
    name = item["holder"].get("name")
    list_id = str(item["claims"][0]["list"]["id"]) if item["claims"] else ""
    return (
        _RANK[item["relation"]],
        len(item["path"]),
        name is None,
        str(name or ""),
        str(item["holder"]["id"]),
        list_id,
    )


def _cited(item: Item) -> list[str]:
    rules = [s for r in item["rules"] for s in r.get("source_ids") or []]
    return [*_cited_along(item["path"], item["claims"]), *map(str, rules)]


def _cited_along(path: Path, claims: list[Any]) -> list[str]:
    """The sources a path's edges and a holder's claims cite, list snapshots included."""
    out = [s for e in path for s in e["props"].get("source_ids") or []]
    for claim in claims:
        out += claim["props"].get("source_ids") or []
        out += [v for v in [claim["list"].get("snapshot_source_id")] if v]
    return [str(s) for s in out]


def subsidiaries_row(
    entity_id: str,
    depth: int,
    as_of: str,
    lists: list[str] | None,
    listed: bool,
    page: tuple[int, int],
    known_before: str,
) -> Query[dict[str, Any] | None]:
    """api/subsidiaries.cypher's row (root, total, results, sources) as held then; None for an
    unknown id. `page` is (offset, limit)."""
    root = yield from read_one("api/entity_ref", id=entity_id)
    if root is None:
        return None
    down = yield from walk_known(entity_id, depth, False, as_of, known_before, _fewest_controls)
    ids = sorted(k for k in down.paths if k != entity_id)
    rows = yield from read(
        "api/exposure_holders", ids=ids, as_of=as_of, lists=lists, known_before=known_before
    )
    held: dict[str, list[Any]] = {}
    for row in rows:
        held.setdefault(str(row["holder"]["id"]), []).extend(row["claims"])
    items = [_member(down, k, held.get(k, [])) for k in ids]
    items = [x for x in items if not listed or any(c["decided"] for c in x["designations"])]
    items.sort(key=_by_depth_and_name)
    offset, limit = page
    shown = items[offset : offset + limit]
    cited = sorted({s for x in shown for s in _cited_along(x["path"], x["designations"])})
    sources = (yield from read("api/sources", ids=cited)) if cited else []
    return {
        "root": root["entity"],
        "total": len(items),
        "results": shown,
        "sources": [dict(r["source"]) for r in sources],
    }


def _fewest_controls(path: Path) -> Any:
    """api/subsidiaries.cypher's choice among equally short paths: the fewest control edges
    (where a source states ownership, the path shows it), then the edges' fact ids read from
    the subsidiary up to the root, the way the statement lists them."""
    controls = sum(1 for e in path if e["type"] in CONTROL_TYPES)
    return (controls, [str(e["props"].get("fact_id") or "") for e in reversed(path)])


def _member(down: Walk, key: str, designations: list[Any]) -> Item:
    return {
        "entity": down.nodes[key],
        "depth": down.depths[key],
        "path": list(reversed(down.paths[key])),  # from the subsidiary up, as the statement
        "designations": designations,
    }


def _by_depth_and_name(item: Item) -> tuple[int, bool, str, str]:
    name = item["entity"].get("name")
    return (int(item["depth"]), name is None, str(name or ""), str(item["entity"]["id"]))


# the edges by which a group member reaches a sector's vendor (api/sector_entities.cypher),
# each in force and decided on the day
MEMBER_TYPES = ("AFFILIATE_OF", "BRANCH_OF", "CONTROLLED_BY", "OWNED_BY", "SUBSIDIARY_OF")
_MEMBERS = Hop(types=MEMBER_TYPES, out=False, into=True, dated=MEMBER_TYPES, decided=True)
MEMBER_DEPTH = 3


def sector_row(
    row: dict[str, Any], as_of: str, listed: bool, page: tuple[int, int], known_before: str
) -> Query[dict[str, Any]]:
    """api/sector_entities.cypher's row as held then, from that statement's vendors and claims
    (asked unpaged with $known_before): each vendor's designations, and the listed members of
    its group, walked level by level. `page` is (offset, limit)."""
    items = [dict(x) for x in row.get("results") or []]
    walks = {}
    for item in items:
        key = str(item["entity"]["id"])
        walks[key] = yield from walk_known(key, MEMBER_DEPTH, _MEMBERS, as_of, known_before)
    ids = sorted({k for w in walks.values() for k in w.paths})
    rows = yield from read(
        "api/exposure_holders", ids=ids, as_of=as_of, lists=None, known_before=known_before
    )
    held = _decided_listings(rows)
    for item in items:
        walk = walks[str(item["entity"]["id"])]
        item["designations"] = held.get(walk.start, [])
        item["members"] = _listed_members(walk, held)
    items = [x for x in items if not listed or x["designations"] or x["members"]]
    offset, limit = page
    shown = items[offset : offset + limit]
    own = row["sector"].get("source_ids") or []
    cited = [*own, *(s for x in shown for s in _sector_cited(x))]
    wanted = list(dict.fromkeys(str(s) for s in cited))
    sources = (yield from read("api/sources", ids=wanted)) if wanted else []
    return {
        **row,
        "total": len(items),
        "results": shown,
        "sources": [dict(r["source"]) for r in sources],
    }


def _decided_listings(rows: list[Any]) -> dict[str, list[Item]]:
    """Per entity, its designations in force and decided on the day, in the shape of
    api/sector_entities.cypher's (by list, then since)."""
    held: dict[str, list[Item]] = {}
    for row in rows:
        for claim in row["claims"]:
            if not claim["decided"]:
                continue
            props, lst = claim["props"], claim["list"]
            held.setdefault(str(row["holder"]["id"]), []).append(
                {
                    "list": {
                        "id": lst["id"],
                        "name": lst.get("name"),
                        "labels": ["Entity", "List"],
                    },
                    "since": props.get("since"),
                    "until": props.get("until"),
                    "citation": props.get("citation"),
                    "name_as_listed": props.get("name_as_listed"),
                    "source_ids": list(props.get("source_ids") or []),
                }
            )
    return held


def _listed_members(walk: Walk, held: dict[str, list[Item]]) -> list[Item]:
    """The members with a designation, nearest first, then by name and id; `via` from the
    member up to the vendor, as the statement gives it."""
    found = [
        {
            "entity": walk.nodes[k],
            "hops": walk.depths[k],
            "via": [
                {
                    "type": e["type"],
                    "start": e["start"],
                    "end": e["end"],
                    "source_ids": list(e["props"].get("source_ids") or []),
                }
                for e in reversed(walk.paths[k])
            ],
            "designations": held[k],
        }
        for k in walk.paths
        if k != walk.start and held.get(k)
    ]
    return sorted(
        found, key=lambda x: (x["hops"], str(x["entity"].get("name") or ""), x["entity"]["id"])
    )


def _sector_cited(item: Item) -> list[str]:
    out = [s for c in item["claims"] for s in c.get("source_ids") or []]
    out += [s for d in item["designations"] for s in d["source_ids"]]
    for member in item["members"]:
        out += [s for d in member["designations"] for s in d["source_ids"]]
        out += [s for e in member["via"] for s in e["source_ids"]]
    return out


def reach_row(
    entity_id: str, rule_id: str, depth: int, as_of: str, known_before: str
) -> Query[dict[str, Any] | None]:
    """api/subsidiaries_reach.cypher's row as held then: the group under the root, every
    walked edge out of the group, the root and the owners they reach upward in fewer than
    `depth` edges, the designations on the rule's lists of every entity named, and the rule
    with its versions as then (its `rule` is None when none of them is on its lists: nothing
    to reach from)."""
    root = yield from read_one("api/entity_ref", id=entity_id)
    if root is None:
        return None
    down = yield from walk_known(entity_id, depth, False, as_of, known_before)
    seen = {entity_id: dict(root["entity"]), **down.nodes}
    near, frontier = set(down.depths), sorted(down.depths)
    for _ in range(depth - 1):
        rows = yield from hop_known(frontier, UP, as_of, known_before)
        seen.update({str(r["other"]["id"]): dict(r["other"]) for r in rows})
        frontier = sorted({str(r["other"]["id"]) for r in rows} - near)
        near |= set(frontier)
    rows = yield from hop_known(sorted(near), UP, as_of, known_before)
    seen.update({str(r["other"]["id"]): dict(r["other"]) for r in rows})
    named = sorted({str(r["from"]) for r in rows} | {str(r["other"]["id"]) for r in rows})
    found = yield from read_one(
        "api/exposure_derived_claims", owners=named, as_of=as_of, lists=None,
        known_before=known_before,
    )  # fmt: skip
    rule = next((r for r in (found or {}).get("rules") or [] if r["id"] == rule_id), None)
    scope = set(rule["lists"]) if rule else set()
    return {
        "root": root["entity"],
        "group": [{"id": k, "depth": v} for k, v in down.depths.items() if v > 0],
        "edges": [dict(r["edge"]) for r in rows],
        "claims": [c for c in (found or {}).get("claims") or [] if c["list"]["id"] in scope],
        "nodes": [seen[k] for k in named],
        "rule": rule,
    }
