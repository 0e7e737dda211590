"""GET /search: fuzzy name search over names and aliases (the resolver's index)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import respond
from api.deps import ServiceDep
from api.models import SearchAnswer

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    response_model=SearchAnswer,
    summary="Fuzzy search of entity names and aliases (Chinese script and pinyin included)",
)
def search(
    request: Request,
    service: ServiceDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="a name, as pasted")],
    label: Annotated[
        str | None, Query(description="Company, GovernmentBody, Place, List or Contract")
    ] = None,
    limit: Annotated[int, Query(ge=1)] = 10,
    lists: Annotated[
        list[str] | None,
        Query(
            description="list ids (comma-separated or repeated): only entities with a "
            "designation in force on one of them on as_of"
        ),
    ] = None,
    as_of: Annotated[str | None, Query(description="ISO date for `lists` (default today)")] = None,
) -> Any:
    return respond(request, service.search(q, label=label, limit=limit, lists=lists, as_of=as_of))
