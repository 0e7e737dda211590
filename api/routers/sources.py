"""GET /sources/{id}: a source's citation and the facts it supports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ServiceDep
from api.models import SourceAnswer

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("/{source_id}", response_model=SourceAnswer, summary="A source and what it supports")
def source(
    source_id: str,
    service: ServiceDep,
    cap: Annotated[int, Query(ge=1, description="at most this many nodes and edges")] = 200,
) -> SourceAnswer:
    return service.source(source_id, cap=cap)
