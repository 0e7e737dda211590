"""GET /changes: what list loads added, modified or ended in a window of days."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import CSV_RESPONSES, respond
from api.deps import AnswersDep
from api.models import ChangesAnswer, IsoDate
from api.params import Format, Kinds, Limit, Offset
from api.queries.changes import changes as question

router = APIRouter(tags=["lists"])


@router.get(
    "/changes",
    response_model=ChangesAnswer,
    responses=CSV_RESPONSES,
    summary="List entries added, modified or ended by list loads, newest first",
)
async def changes(
    request: Request,
    answers: AnswersDep,
    since: Annotated[IsoDate, Query(description="first day (ISO date, inclusive)")],
    until: Annotated[IsoDate | None, Query(description="last day (ISO date, inclusive)")] = None,
    list_id: Annotated[
        str | None, Query(alias="list", description="a list id (404 when unknown; empty: all)")
    ] = None,
    kind: Kinds = None,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: Format = None,
) -> Any:
    ask = question(answers.settings, since, until, list_id or None, kind, limit, offset)
    return respond(request, await answers(ask))
