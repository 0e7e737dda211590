"""Sectors: which vendors a source puts in each, and which of them and of their groups are
listed on a day (since when, under which notice)."""

from __future__ import annotations

from typing import Any

from api import checks
from api import convert as c
from api import models as m
from api.queries.as_known import sector_row
from api.queries.steps import Missing, Query, read_one
from graph.settings import Settings

ALL = 1_000_000  # a page holding every vendor of a sector (dozens), for a known_at answer


def sectors(
    settings: Settings,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
    known_at: str | None = None,
) -> Query[m.SectorsAnswer]:
    limit = checks.page_limit(settings, limit)
    day = checks.as_of(as_of)
    row = yield from read_one(
        "api/sectors",
        as_of=day,
        offset=offset,
        limit=limit,
        known_before=checks.known_before(known_at),
    )
    row = row or {}
    book = c.SourceBook(row.get("sources") or [])
    return m.SectorsAnswer(
        as_of=day,
        known_at=known_at,
        results=[m.SectorSummary.model_validate(x) for x in row.get("results") or []],
        total=int(row.get("total") or 0),
        limit=limit,
        offset=offset,
        sources=book.refs(book.all_ids()),
    )


def sector_entities(
    settings: Settings,
    sector_id: str,
    listed: bool = False,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
    known_at: str | None = None,
) -> Query[m.SectorEntitiesAnswer]:
    """The sector's vendors on `as_of`, each with its designations and its group's listed
    members; with `listed`, only vendors listed themselves or through a member. With
    `known_at`, as survgraph held them then (api/queries/as_known.py)."""
    limit = checks.page_limit(settings, limit)
    day = checks.as_of(as_of)
    row = yield from _sector_row(sector_id, day, listed, (offset, limit), known_at)
    if row is None:
        raise Missing("sector", sector_id)
    book = c.SourceBook(row.get("sources") or [])
    return m.SectorEntitiesAnswer(
        sector=m.SectorRef.model_validate(row["sector"]),
        as_of=day,
        known_at=known_at,
        listed=listed,
        results=[_vendor(x) for x in row.get("results") or []],
        total=int(row.get("total") or 0),
        limit=limit,
        offset=offset,
        sources=book.refs(book.all_ids()),
    )


def _sector_row(
    sector_id: str, day: str, listed: bool, page: tuple[int, int], known_at: str | None
) -> Query[dict[str, Any] | None]:
    known_before = checks.known_before(known_at)
    offset, limit = page
    if known_before is None:
        return (
            yield from read_one(
                "api/sector_entities",
                id=sector_id,
                as_of=day,
                listed=listed,
                offset=offset,
                limit=limit,
                known_before=None,
            )
        )
    row = yield from read_one(
        "api/sector_entities",
        id=sector_id,
        as_of=day,
        listed=False,
        offset=0,
        limit=ALL,
        known_before=known_before,
    )
    if row is None:
        return None
    return (yield from sector_row(dict(row), day, listed, page, known_before))


def _vendor(row: dict[str, Any]) -> m.SectorVendor:
    return m.SectorVendor(
        entity=c.entity_ref(row["entity"]),
        claims=[m.SectorClaim.model_validate(x) for x in row.get("claims") or []],
        designations=[_listing(d) for d in row.get("designations") or []],
        members=[
            m.GroupMember(
                entity=c.entity_ref(x["entity"]),
                hops=int(x["hops"]),
                via=[m.ViaEdge.model_validate(e) for e in x.get("via") or []],
                designations=[_listing(d) for d in x.get("designations") or []],
            )
            for x in row.get("members") or []
        ],
    )


def _listing(row: dict[str, Any]) -> m.SectorListing:
    return m.SectorListing.model_validate({**row, "list": c.entity_ref(row["list"])})
