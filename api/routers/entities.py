"""Entities: detail, subsidiaries, exposure to designations, timeline, neighbourhood.

Every question is answered as of a day (`as_of`, default today): designations and ownership
edges count only when in force that day."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import CSV_RESPONSES, DRAWING_RESPONSES, GRAPH_RESPONSES, respond, respond_or_draw
from api.deps import AnswersDep
from api.models import (
    EntityDetail,
    ExposureAnswer,
    Neighborhood,
    SubsidiariesAnswer,
    TimelineAnswer,
)
from api.params import (
    MARKER,
    AsOf,
    Depth,
    DrawingFormat,
    EntityId,
    Format,
    GraphFormat,
    KnownAt,
    Limit,
    Lists,
    Offset,
    Rels,
)
from api.queries import entities as q

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("/{entity_id}", response_model=EntityDetail, summary="One entity, fully cited")
async def entity(
    entity_id: EntityId, answers: AnswersDep, as_of: AsOf = None, known_at: KnownAt = None
) -> EntityDetail:
    return await answers(q.entity(answers.settings, entity_id, as_of, known_at))


@router.get(
    "/{entity_id}/subsidiaries",
    response_model=SubsidiariesAnswer,
    responses=GRAPH_RESPONSES,
    summary="Subsidiaries, branches, holdings and controlled entities, direct and indirect, "
    "with ownership and control paths",
    description="Every entity the root owns or controls on as_of, each with its path up to "
    "the root (every edge says whether it is ownership, a branch or control, with its share "
    "and basis). `listed`, `list`, `lists`: only those with a designation in force. "
    "`reached_by=RULE_ID`: only those the scope rule reaches beyond those its lists name "
    "(covered or undetermined, with the aggregate share and its contributions; derived, "
    "never a listing); it does not combine with the listing filters (a 422); with `known_at`, "
    "over the edges, designations and rule versions held then.",
)
async def subsidiaries(
    request: Request,
    entity_id: EntityId,
    answers: AnswersDep,
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
    reached_by: Annotated[
        str | None,
        Query(
            description="a scope rule id (e.g. rule:bis-affiliates-50-percent): only the "
            "entities it reaches beyond those its lists name; an unknown id is a 404, an "
            "empty value no filter"
        ),
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: GraphFormat = None,
    known_at: KnownAt = None,
) -> Any:
    ask = q.subsidiaries(
        answers.settings,
        entity_id,
        depth,
        listed,
        list_id or None,
        as_of,
        limit,
        offset,
        lists,
        reached_by or None,
        known_at,
    )
    return await respond_or_draw(request, answers, ask)


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
async def exposure(
    request: Request,
    entity_id: EntityId,
    answers: AnswersDep,
    depth: Depth = None,
    as_of: AsOf = None,
    lists: Lists = None,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: Format = None,
    known_at: KnownAt = None,
) -> Any:
    ask = q.exposure(answers.settings, entity_id, depth, as_of, limit, offset, lists, known_at)
    return respond(request, await answers(ask))


@router.get(
    "/{entity_id}/timeline",
    response_model=TimelineAnswer,
    responses=CSV_RESPONSES,
    summary="Dated events (contracts, designations, ownership, status) up to as_of, cited",
)
async def timeline(
    request: Request,
    entity_id: EntityId,
    answers: AnswersDep,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
    fmt: Format = None,
    known_at: KnownAt = None,
) -> Any:
    ask = q.timeline(answers.settings, entity_id, as_of, limit, offset, known_at)
    return respond(request, await answers(ask))


@router.get(
    "/{entity_id}/neighborhood",
    response_model=Neighborhood,
    responses=DRAWING_RESPONSES,
    summary="Nodes and edges around an entity, for drawing (capped)",
)
async def neighborhood(
    request: Request,
    entity_id: EntityId,
    answers: AnswersDep,
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
    fmt: DrawingFormat = None,
) -> Any:
    ask = q.neighborhood(answers.settings, entity_id, depth, rel, max_edges)
    return await respond_or_draw(request, answers, ask, csv=False)
