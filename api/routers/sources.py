"""GET /sources/{id}: a source's citation and the facts it supports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ServiceDep
from api.models import SourceAnswer
from api.params import MARKER, SourceId

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("/{source_id}", response_model=SourceAnswer, summary="A source and what it supports")
def source(
    source_id: SourceId,
    service: ServiceDep,
    cap: Annotated[
        int,
        Query(
            ge=1,
            description="at most this many nodes and edges (at most settings.max_page_size)",
            json_schema_extra={MARKER: "page_size"},
        ),
    ] = 200,
) -> SourceAnswer:
    return service.source(source_id, cap=cap)
