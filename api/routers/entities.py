"""Entities: detail, subsidiaries, exposure to designations, neighbourhood for drawing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import respond
from api.deps import ServiceDep
from api.models import EntityDetail, ExposureAnswer, Neighborhood, SubsidiariesAnswer

router = APIRouter(prefix="/entities", tags=["entities"])

Depth = Annotated[
    int | None, Query(ge=1, description="levels to follow; at most settings.max_depth")
]
AsOf = Annotated[
    str | None, Query(description="ISO date on which `in_force` is judged (default today)")
]
Limit = Annotated[int, Query(ge=1, description="page size; at most settings.max_page_size")]
Offset = Annotated[int, Query(ge=0)]


@router.get("/{entity_id}", response_model=EntityDetail, summary="One entity, fully cited")
def entity(entity_id: str, service: ServiceDep, as_of: AsOf = None) -> EntityDetail:
    return service.entity(entity_id, as_of=as_of)


@router.get(
    "/{entity_id}/subsidiaries",
    response_model=SubsidiariesAnswer,
    summary="Subsidiaries and branches, direct and indirect, with ownership paths",
)
def subsidiaries(
    request: Request,
    entity_id: str,
    service: ServiceDep,
    depth: Depth = None,
    listed: Annotated[
        bool, Query(description="only those with a designation in force on as_of")
    ] = False,
    list_id: Annotated[
        str | None, Query(alias="list", description="only those listed on this list id")
    ] = None,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    answer = service.subsidiaries(
        entity_id,
        depth=depth,
        listed=listed,
        list_id=list_id,
        as_of=as_of,
        limit=limit,
        offset=offset,
    )
    return respond(request, answer)


@router.get(
    "/{entity_id}/exposure",
    response_model=ExposureAnswer,
    summary="Designations on the entity, its parents and its subsidiaries, with paths",
)
def exposure(
    request: Request,
    entity_id: str,
    service: ServiceDep,
    depth: Depth = None,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    answer = service.exposure(entity_id, depth=depth, as_of=as_of, limit=limit, offset=offset)
    return respond(request, answer)


@router.get(
    "/{entity_id}/neighborhood",
    response_model=Neighborhood,
    summary="Nodes and edges around an entity, for drawing (capped)",
)
def neighborhood(
    entity_id: str,
    service: ServiceDep,
    depth: Annotated[int, Query(ge=1, description="hops; at most 3")] = 1,
    rel: Annotated[list[str] | None, Query(description="relationship types to follow")] = None,
    max_edges: Annotated[int, Query(ge=1)] = 200,
) -> Neighborhood:
    return service.neighborhood(entity_id, depth=depth, rels=rel, max_edges=max_edges)
