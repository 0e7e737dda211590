"""What list loads added, modified or ended in a window of days."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from api import checks
from api import convert as c
from api import models as m
from api.queries.steps import Query, read, read_one
from graph.settings import Settings


def changes(
    settings: Settings,
    since: str | None,
    until: str | None = None,
    list_id: str | None = None,
    kind: str | Sequence[str] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> Query[m.ChangesAnswer]:
    """From `since` through `until`, both days inclusive, newest first."""
    limit = checks.page_limit(settings, limit)
    start = checks.required_date("since", since)
    end = checks.check_date("until", until)
    if list_id is not None:
        yield from checks.known_lists("list", list_id)
    kinds = checks.change_kinds(kind)
    params: dict[str, Any] = {
        "since": start,
        "until": checks.day_after(end) if end else None,
        "list_id": list_id,
        "kinds": kinds,
    }
    count = (yield from read_one("api/changes_count", **params)) or {}
    rows = yield from read("api/changes", **params, limit=limit, skip=offset)
    return m.ChangesAnswer(
        since=start,
        until=end,
        list_id=list_id,
        kinds=kinds,
        results=[c.change(r) for r in rows],
        total=int(count.get("total") or 0),
        limit=limit,
        offset=offset,
    )
