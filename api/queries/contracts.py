"""Government contracts by company (and its subsidiaries), region (with sub-places), status."""

from __future__ import annotations

from api import checks
from api import convert as c
from api import models as m
from api.queries.steps import Query, read_one
from graph.model import edge_types
from graph.settings import Settings


def contracts(
    settings: Settings,
    company: str | None = None,
    region: str | None = None,
    status: str | None = None,
    subsidiaries: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> Query[m.ContractsAnswer]:
    limit = checks.page_limit(settings, limit)
    row = yield from read_one(
        "api/contracts",
        company=company,
        region=region,
        status=status,
        subsidiaries=subsidiaries,
        offset=offset,
        limit=limit,
        **edge_types(),
    )
    row = row or {}
    book = c.SourceBook(row.get("sources") or [])
    return m.ContractsAnswer(
        company=company,
        region=region,
        status=status,
        results=[c.contract(x, book) for x in row.get("results") or []],
        total=int(row.get("total") or 0),
        limit=limit,
        offset=offset,
    )
