"""GET /paths: all shortest paths between two entities (or an entity and a list)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import respond
from api.deps import ServiceDep
from api.models import PathsAnswer
from api.service import PATH_RELS

router = APIRouter(tags=["paths"])


@router.get(
    "/paths",
    response_model=PathsAnswer,
    summary="All shortest paths, every edge with its type, properties and sources",
)
def paths(
    request: Request,
    service: ServiceDep,
    from_id: Annotated[str, Query(alias="from", max_length=300, description="an entity id")],
    to_id: Annotated[str, Query(alias="to", max_length=300, description="an entity or list id")],
    max_hops: Annotated[int, Query(ge=1, description="at most 6")] = 4,
    rel: Annotated[
        list[str] | None,
        Query(
            description="relationship types to follow (repeat or comma-separate): "
            + ", ".join(PATH_RELS)
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, description="at most 100 paths")] = 25,
    as_of: Annotated[
        str | None,
        Query(
            description="ISO date (default today): designations and ownership edges are only "
            "followed when in force that day"
        ),
    ] = None,
) -> Any:
    answer = service.paths(from_id, to_id, max_hops=max_hops, rels=rel, limit=limit, as_of=as_of)
    return respond(request, answer)
