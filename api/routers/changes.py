"""GET /changes: what list loads added, modified or ended in a window of days."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import respond
from api.deps import ServiceDep
from api.models import ChangesAnswer

router = APIRouter(tags=["lists"])


@router.get(
    "/changes",
    response_model=ChangesAnswer,
    summary="List entries added, modified or ended by list loads, newest first",
)
def changes(
    request: Request,
    service: ServiceDep,
    since: Annotated[str, Query(description="first day (ISO date, inclusive)")],
    until: Annotated[str | None, Query(description="last day (ISO date, inclusive)")] = None,
    list_id: Annotated[str | None, Query(alias="list", description="a list id")] = None,
    kind: Annotated[
        list[str] | None,
        Query(description="added, modified, ended (comma-separated or repeated; default all)"),
    ] = None,
    limit: Annotated[int, Query(ge=1)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Any:
    answer = service.changes(
        since, until=until, list_id=list_id, kind=kind, limit=limit, offset=offset
    )
    return respond(request, answer)
