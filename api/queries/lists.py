"""Designation lists: every list with its freshness, and the entities recorded on one."""

from __future__ import annotations

from api import checks
from api import convert as c
from api import models as m
from api.queries.steps import Missing, Query, read_one
from graph.settings import Settings


def lists(
    settings: Settings,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
    known_at: str | None = None,
) -> Query[m.ListsAnswer]:
    limit = checks.page_limit(settings, limit)
    day = checks.as_of(as_of)
    known_before = checks.known_before(known_at)
    row = yield from read_one(
        "api/lists", as_of=day, offset=offset, limit=limit, known_before=known_before
    )
    row = row or {}
    book = c.SourceBook(row.get("sources") or [])
    return m.ListsAnswer(
        as_of=day,
        known_at=known_at,
        results=[c.list_summary(x, book) for x in row.get("results") or []],
        total=int(row.get("total") or 0),
        limit=limit,
        offset=offset,
    )


def list_entities(
    settings: Settings,
    list_id: str,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
    include_ended: bool = False,
    known_at: str | None = None,
) -> Query[m.ListEntriesAnswer]:
    """Entities on a list on `as_of` (with `include_ended`, every one ever recorded), one
    item per entity with all the claims of its designation; `known_at`: as survgraph had
    recorded them by the end of that day (record time)."""
    limit = checks.page_limit(settings, limit)
    since = checks.check_date("since", since)
    until = checks.check_date("until", until)
    day = checks.as_of(as_of)
    row = yield from read_one(
        "api/list_entities",
        id=list_id,
        since=since,
        until=until,
        as_of=day,
        include_ended=include_ended,
        offset=offset,
        limit=limit,
        known_before=checks.known_before(known_at),
    )
    if row is None:
        raise Missing("list", list_id)
    book = c.SourceBook(row["sources"])
    return m.ListEntriesAnswer(
        list_ref=c.entity_ref(row["root"]),
        since=since,
        until=until,
        as_of=day,
        include_ended=include_ended,
        known_at=known_at,
        results=[c.list_entry(x, book, day) for x in row["results"]],
        total=int(row["total"]),
        limit=limit,
        offset=offset,
    )
