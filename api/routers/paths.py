"""GET /paths: all shortest paths between two entities (or an entity and a list), as JSON, CSV
or a graph file (GraphML, GEXF)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.csv import GRAPH_RESPONSES, respond_or_draw
from api.deps import AnswersDep
from api.models import PathsAnswer
from api.params import AsOf, GraphFormat, KnownAt, MaxHops, PathLimit, Rels
from api.queries.paths import paths as question

router = APIRouter(tags=["paths"])


@router.get(
    "/paths",
    response_model=PathsAnswer,
    responses=GRAPH_RESPONSES,
    summary="All shortest paths, every edge with its type, properties and sources",
)
async def paths(
    request: Request,
    answers: AnswersDep,
    from_id: Annotated[
        str,
        Query(
            alias="from",
            max_length=300,
            description="an entity id",
            examples=["company:urumqi-haishi-xinan"],
        ),
    ],
    to_id: Annotated[
        str,
        Query(
            alias="to",
            max_length=300,
            description="an entity or list id (the same id: the length-0 path)",
            examples=["list:us-bis-entity-list"],
        ),
    ],
    max_hops: MaxHops = 4,
    rel: Rels = None,
    limit: PathLimit = 25,
    as_of: AsOf = None,
    known_at: KnownAt = None,
    fmt: GraphFormat = None,
) -> Any:
    ask = question(from_id, to_id, max_hops, rel, limit, as_of, known_at)
    return await respond_or_draw(request, answers, ask)
