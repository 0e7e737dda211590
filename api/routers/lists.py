"""Designation lists and the entities recorded on them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import respond
from api.deps import ServiceDep
from api.models import ListEntriesAnswer, ListsAnswer

router = APIRouter(prefix="/lists", tags=["lists"])

AsOf = Annotated[
    str | None,
    Query(description="ISO date YYYY-MM-DD the answer is about (default today)"),
]


@router.get(
    "",
    response_model=ListsAnswer,
    summary="Every list, with entry counts and freshness (publisher date, last load, snapshot)",
)
def lists(
    request: Request,
    service: ServiceDep,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Any:
    return respond(request, service.lists(as_of=as_of, limit=limit, offset=offset))


@router.get(
    "/{list_id}/entities",
    response_model=ListEntriesAnswer,
    summary="Entities on a list, optionally by listing date window",
)
def list_entities(
    request: Request,
    list_id: str,
    service: ServiceDep,
    since: Annotated[str | None, Query(description="listed on or after (ISO date)")] = None,
    until: Annotated[str | None, Query(description="listed on or before (ISO date)")] = None,
    as_of: AsOf = None,
    include_ended: Annotated[
        bool, Query(description="also entities whose designation is not in force on as_of")
    ] = False,
    limit: Annotated[int, Query(ge=1)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Any:
    answer = service.list_entities(
        list_id,
        since=since,
        until=until,
        as_of=as_of,
        limit=limit,
        offset=offset,
        include_ended=include_ended,
    )
    return respond(request, answer)
