"""Designation lists and the entities recorded on them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import CSV_RESPONSES, respond
from api.deps import AnswersDep
from api.models import IsoDate, ListEntriesAnswer, ListsAnswer
from api.params import AsOf, Format, KnownAt, Limit, ListId, Offset
from api.queries import lists as q

router = APIRouter(prefix="/lists", tags=["lists"])


@router.get(
    "",
    response_model=ListsAnswer,
    responses=CSV_RESPONSES,
    summary="Every list, with entry counts and freshness (publisher date, last load, snapshot)",
)
async def lists(
    request: Request,
    answers: AnswersDep,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
    known_at: KnownAt = None,
    fmt: Format = None,
) -> Any:
    ask = q.lists(answers.settings, as_of, limit, offset, known_at)
    return respond(request, await answers(ask))


@router.get(
    "/{list_id}/entities",
    response_model=ListEntriesAnswer,
    responses=CSV_RESPONSES,
    summary="Entities on a list, optionally by listing date window",
)
async def list_entities(
    request: Request,
    list_id: ListId,
    answers: AnswersDep,
    since: Annotated[IsoDate | None, Query(description="listed on or after (ISO date)")] = None,
    until: Annotated[IsoDate | None, Query(description="listed on or before (ISO date)")] = None,
    as_of: AsOf = None,
    include_ended: Annotated[
        bool, Query(description="also entities whose designation is not in force on as_of")
    ] = False,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: Format = None,
    known_at: KnownAt = None,
) -> Any:
    ask = q.list_entities(
        answers.settings, list_id, since, until, as_of, limit, offset, include_ended, known_at
    )
    return respond(request, await answers(ask))
