"""GET /sources/{id}: a source's citation and the facts it supports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AnswersDep
from api.models import SourceAnswer
from api.params import MARKER, SourceId
from api.queries.sources import source as question

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("/{source_id}", response_model=SourceAnswer, summary="A source and what it supports")
async def source(
    source_id: SourceId,
    answers: AnswersDep,
    cap: Annotated[
        int,
        Query(
            ge=1,
            description="at most this many nodes and edges (at most settings.max_page_size)",
            json_schema_extra={MARKER: "page_size"},
        ),
    ] = 200,
) -> SourceAnswer:
    return await answers(question(answers.settings, source_id, cap))
