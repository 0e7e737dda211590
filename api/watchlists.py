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
) -> m.WatchlistChanges:
    """From `since` through `until` (days, inclusive), oldest first."""
    limit = checks.page_limit(settings, limit)
    start = checks.required_date("since", since)
    end = checks.check_date("until", until)
    row = _found(graph, watchlist_id, owner)
    rows = graph.read(
        "watchlist/changes",
        members=[x["id"] for x in row["members"]],
        since=start,
        until=checks.day_after(end) if end else None,
        max_depth=settings.max_depth,
        timeout=60.0,
        **edge_types(),
    )
    found = [_change(r) for r in rows]
    return m.WatchlistChanges(
        watchlist=watchlist_id,
        since=start,
        until=end,
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
