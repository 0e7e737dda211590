"""Entities: detail, subsidiaries, exposure to designations, timeline, neighbourhood.

Every question is answered as of a day (`as_of`, default today): designations and ownership
edges count only when in force that day."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import CSV_RESPONSES, respond
from api.deps import ServiceDep
from api.models import (
    EntityDetail,
    ExposureAnswer,
    Neighborhood,
    SubsidiariesAnswer,
    TimelineAnswer,
)
from api.params import MARKER, AsOf, Depth, EntityId, Format, Limit, Lists, Offset, Rels

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("/{entity_id}", response_model=EntityDetail, summary="One entity, fully cited")
def entity(entity_id: EntityId, service: ServiceDep, as_of: AsOf = None) -> EntityDetail:
    return service.entity(entity_id, as_of=as_of)


@router.get(
    "/{entity_id}/subsidiaries",
    response_model=SubsidiariesAnswer,
    responses=CSV_RESPONSES,
    summary="Subsidiaries and branches, direct and indirect, with ownership paths",
)
def subsidiaries(
    request: Request,
    entity_id: EntityId,
    service: ServiceDep,
    depth: Depth = None,
    listed: Annotated[
        bool, Query(description="only those with a designation in force on as_of")
    ] = False,
    list_id: Annotated[
        str | None,
        Query(alias="list", description="only those listed on this list id (empty: none)"),
    ] = None,
    as_of: AsOf = None,
    lists: Lists = None,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: Format = None,
) -> Any:
    answer = service.subsidiaries(
        entity_id,
        depth=depth,
        listed=listed,
        list_id=list_id or None,
        as_of=as_of,
        limit=limit,
        offset=offset,
        lists=lists,
    )
    return respond(request, answer)


@router.get(
    "/{entity_id}/exposure",
    response_model=ExposureAnswer,
    responses=CSV_RESPONSES,
    summary="Direct designations, coverage derived through scope rules, and the designations "
    "of parents and subsidiaries",
    description="`direct`: the entity is named on the list (its own designation in force on "
    "as_of). `derived`: a scope rule of a listed owner's list reaches it (covered, not_covered "
    "or undetermined, with the reason, the cited ownership path and the shares); derived "
    "coverage is computed at query time and is never a listing. `results` (paginated, CSV) "
    "lists every designation around the entity.",
)
def exposure(
    request: Request,
    entity_id: EntityId,
    service: ServiceDep,
    depth: Depth = None,
    as_of: AsOf = None,
    lists: Lists = None,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: Format = None,
) -> Any:
    answer = service.exposure(
        entity_id, depth=depth, as_of=as_of, limit=limit, offset=offset, lists=lists
    )
    return respond(request, answer)


@router.get(
    "/{entity_id}/timeline",
    response_model=TimelineAnswer,
    responses=CSV_RESPONSES,
    summary="Dated events (contracts, designations, ownership, status) up to as_of, cited",
)
def timeline(
    request: Request,
    entity_id: EntityId,
    service: ServiceDep,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: Format = None,
) -> Any:
    return respond(request, service.timeline(entity_id, as_of=as_of, limit=limit, offset=offset))


@router.get(
    "/{entity_id}/neighborhood",
    response_model=Neighborhood,
    summary="Nodes and edges around an entity, for drawing (capped)",
)
def neighborhood(
    entity_id: EntityId,
    service: ServiceDep,
    depth: Annotated[
        int,
        Query(
            ge=1,
            description="hops; at most 3 (and settings.max_depth)",
            json_schema_extra={MARKER: "neighborhood_depth"},
        ),
    ] = 1,
    rel: Rels = None,
    max_edges: Annotated[
        int,
        Query(
            ge=1,
            description="at most settings.max_page_size edges",
            json_schema_extra={MARKER: "page_size"},
        ),
    ] = 200,
) -> Neighborhood:
    return service.neighborhood(entity_id, depth=depth, rels=rel, max_edges=max_edges)
