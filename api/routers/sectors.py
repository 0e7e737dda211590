"""Sectors: the vendors a source puts in each, and which of them and of their groups are
listed on a day."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from api.csv import CSV_RESPONSES, respond
from api.deps import AnswersDep
from api.models import SectorEntitiesAnswer, SectorsAnswer
from api.params import AsOf, Format, KnownAt, Limit, Offset
from api.queries import sectors as q

router = APIRouter(prefix="/sectors", tags=["sectors"])

SectorId = Annotated[
    str,
    Path(description="a sector id (404 when unknown)", examples=["sector:video-surveillance"]),
]


@router.get(
    "",
    response_model=SectorsAnswer,
    responses=CSV_RESPONSES,
    summary="Every sector, with how many vendors a source puts in it and how many are listed",
)
async def sectors(
    request: Request,
    answers: AnswersDep,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
    known_at: KnownAt = None,
    fmt: Format = None,
) -> Any:
    ask = q.sectors(answers.settings, as_of, limit, offset, known_at)
    return respond(request, await answers(ask))


@router.get(
    "/{sector_id}/entities",
    response_model=SectorEntitiesAnswer,
    responses=CSV_RESPONSES,
    summary="A sector's vendors: which are listed, since when, under which notice, and which "
    "members of their groups are listed",
)
async def sector_entities(
    request: Request,
    sector_id: SectorId,
    answers: AnswersDep,
    listed: Annotated[
        bool, Query(description="only vendors listed themselves or through a group member")
    ] = False,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
    known_at: KnownAt = None,
    fmt: Format = None,
) -> Any:
    ask = q.sector_entities(answers.settings, sector_id, listed, as_of, limit, offset, known_at)
    return respond(request, await answers(ask))
