"""Watchlists: a set of entities, and what list loads changed for them or up their paths.

A member is reached by a change to itself or to any entity up its ownership and control paths
(a parent newly listed can bring the member under a scope rule, the 50 % rules among them).
Changes are what the loads recorded (`:Change` nodes, by record time: the day survgraph loaded
the edition), so the same graph gives the same answer, and its ETag with it.
"""

from __future__ import annotations

import uuid
from typing import Any

from api import checks
from api import models as m
from api.queries.steps import Missing
from api.screening import jobs
from graph.db import Graph, Row
from graph.model import edge_types
from graph.settings import Settings

KINDS = {"added": "listing_added", "modified": "listing_modified", "ended": "listing_ended"}


def create(graph: Graph, owner: str, body: m.WatchlistRequest) -> m.Watchlist:
    members = list(dict.fromkeys(body.entity_ids))
    if body.screening:
        job = jobs.job_of(graph, body.screening, owner)
        members += [r["id"] for r in graph.read("screening/matches", job=job["id"])]
        members = list(dict.fromkeys(members))
    known = {r["id"]: r["found"] for r in graph.read("watchlist/known", ids=members)}
    unknown = [x for x in members if not known.get(x)]
    if unknown:
        raise checks.UnknownIds(
            "entity_ids", f"unknown entity id(s): {', '.join(unknown[:20])}", unknown, "body"
        )
    watchlist = {
        "id": "wl-" + uuid.uuid4().hex[:16],
        "owner": owner,
        "name": body.name,
        "created_at": jobs.now(),
        "screening": body.screening,
        "members": members,
    }
    graph.record("watchlist/create", watchlist=watchlist)
    return get(graph, str(watchlist["id"]), owner)


def _found(graph: Graph, watchlist_id: str, owner: str) -> Row:
    row = graph.read_one("watchlist/get", id=watchlist_id, owner=owner)
    if row is None:
        raise Missing("watchlist", watchlist_id)
    return row


def get(graph: Graph, watchlist_id: str, owner: str) -> m.Watchlist:
    row = _found(graph, watchlist_id, owner)
    w = row["watchlist"]
    return m.Watchlist(
        id=w["id"],
        name=w["name"],
        created_at=w["created_at"],
        screening=w.get("screening"),
        members=[m.WatchlistMember(id=x["id"], name=x["name"]) for x in row["members"]],
        changes=f"/watchlists/{w['id']}/changes",
    )


def changes(
    graph: Graph,
    settings: Settings,
    watchlist_id: str,
    owner: str,
    since: str | None,
    until: str | None = None,
    limit: int = 100,
    offset: int = 0,
    known_at: str | None = None,
) -> m.WatchlistChanges:
    """From `since` through `until` (days, inclusive), oldest first: listing changes and
    changes of the ownership facts and scope rules on the members' paths. `known_at`: the feed
    as it stood at the end of that day (nothing recorded later)."""
    limit = checks.page_limit(settings, limit)
    start = checks.required_date("since", since)
    end = checks.check_date("until", until)
    known = checks.known_before(known_at)
    row = _found(graph, watchlist_id, owner)
    bound = checks.day_after(end) if end else None
    params = {
        "members": [x["id"] for x in row["members"]],
        "since": start,
        "until": min(x for x in (bound, known) if x) if bound or known else None,
        "max_depth": settings.max_depth,
        **edge_types(),
    }
    listings = [_change(r) for r in graph.read("watchlist/changes", timeout=60.0, **params)]
    facts = _fact_changes(graph.read("watchlist/fact_changes", timeout=60.0, **params))
    found = sorted(
        listings + facts, key=lambda c: (c.at, c.member.id, len(c.path), c.kind, _key_of(c))
    )
    return m.WatchlistChanges(
        watchlist=watchlist_id,
        since=start,
        until=end,
        known_at=known_at,
        results=found[offset : offset + limit],
        total=len(found),
        limit=limit,
        offset=offset,
    )


def _change(r: Row) -> m.WatchlistChange:
    c, entry = r["change"], r["entry"] or {}
    before, after = _states(str(c["kind"]), entry)
    return m.WatchlistChange(
        at=c["at"],
        kind=KINDS[str(c["kind"])],  # type: ignore[arg-type]
        member=m.WatchlistMember.model_validate(r["member"]),
        entity=m.WatchlistMember.model_validate(r["entity"]),
        via_path=bool(r["path"]),
        path=[m.PathStep.model_validate(x) for x in r["path"]],
        list_id=c["list_id"],
        entry_id=c["entry_id"],
        before=before,
        after=after,
        run_id=c["run_id"],
        source_ids=[r["source_id"]] if r["source_id"] else [],
    )


def _states(kind: str, e: Row) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The entry before and after the load, as far as the graph keeps both."""
    listed = {"listed": True, "name": e.get("name"), "since": e.get("start_date")}
    if kind == "added":
        return None, {**listed, "citation": e.get("federal_register_notice")}
    if kind == "ended":
        return listed, {"listed": False, "until": e.get("until"), "reason": e.get("end_reason")}
    return (
        {"row_hash": e.get("previous_row_hash")},
        {"row_hash": e.get("row_hash"), "citation": e.get("federal_register_notice")},
    )


def _key_of(c: m.WatchlistChange) -> str:
    return c.entry_id or c.fact_id or c.rule_id or ""


# What an ownership or control fact's version says, in a change's before and after.
EDGE_STATE = ("since", "until", "share_text", "share_as_of", "basis", "note", "claim_kind")
RULE_STATE = ("status", "from", "until", "citation", "note")
SHARE_KEYS = ("share_text", "share", "share_low", "share_high")


def _fact_changes(rows: list[Row]) -> list[m.WatchlistChange]:
    """Ownership and rule changes, one per member and fact (the shortest path first)."""
    seen: set[tuple[str, str, str, str]] = set()
    out = []
    for r in rows:
        key = (r["member"]["id"], str(r["what"]), str(r["key"]), str(r["at"]))
        if key in seen:
            continue
        seen.add(key)
        out.append(_rule_change(r) if r["type"] == "RuleVersion" else _edge_change(r))
    return out


def _state(props: Row | None, keys: tuple[str, ...]) -> dict[str, Any] | None:
    if props is None:
        return None
    state = {k: props.get(k) for k in keys if props.get(k) is not None}
    return {**state, "recorded_at": props.get("recorded_at")}


def _edge_kind(what: str, before: Row | None, after: Row | None) -> str:
    if what == "edge_added":
        return "ownership_added"
    if after is None or ((before or {}).get("until") is None and after.get("until") is not None):
        return "ownership_ended"
    if any((before or {}).get(k) != after.get(k) for k in SHARE_KEYS):
        return "stake_changed"
    return "ownership_modified"


def _edge_change(r: Row) -> m.WatchlistChange:
    before, after = r["before"], r["after"]
    kind = _edge_kind(str(r["what"]), before, after)
    edge = after or before or {}
    step = {
        "type": r["type"],
        "start": r["entity"]["id"],
        "end": r["other"],
        "share": edge.get("share_text"),
        "source_ids": edge.get("source_ids") or [],
    }
    cited = [*((before or {}).get("source_ids") or []), *((after or {}).get("source_ids") or [])]
    after_state = _state(after, EDGE_STATE)
    if after is None:
        after_state = {"held": False, "reason": "no longer in the data"}
    run = (before or {}).get("recorded_until_run") if before else edge.get("recorded_run")
    return m.WatchlistChange(
        at=r["at"],
        kind=kind,  # type: ignore[arg-type]
        member=m.WatchlistMember.model_validate(r["member"]),
        entity=m.WatchlistMember.model_validate(r["entity"]),
        via_path=bool(r["path"]),
        path=[m.PathStep.model_validate(x) for x in [*r["path"], step]],
        fact_id=edge.get("fact_id"),
        before=_state(before, EDGE_STATE),
        after=after_state,
        run_id=run,
        source_ids=list(dict.fromkeys(cited)),
    )


def _rule_change(r: Row) -> m.WatchlistChange:
    before, after = r["before"], r["after"]
    version = after or before or {}
    cited = [*((before or {}).get("source_ids") or []), *((after or {}).get("source_ids") or [])]
    run = version.get("recorded_run") if after else version.get("recorded_until_run")
    return m.WatchlistChange(
        at=r["at"],
        kind="rule_version_changed",
        member=m.WatchlistMember.model_validate(r["member"]),
        entity=m.WatchlistMember.model_validate(r["entity"]),
        via_path=bool(r["path"]),
        path=[m.PathStep.model_validate(x) for x in r["path"]],
        rule_id=r["other"],
        before=_state(before, RULE_STATE),
        after=_state(after, RULE_STATE),
        run_id=run,
        source_ids=list(dict.fromkeys(cited)),
    )
