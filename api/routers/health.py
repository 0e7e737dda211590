"""GET /health: is Neo4j reachable, which version, how big is the graph (503 when down)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceDep
from api.models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Neo4j reachable, version, counts")
def health(service: ServiceDep) -> Health:
    return service.health()
