"""GET /health: is Neo4j reachable, which version, how big is the graph (503 when down)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AnswersDep
from api.models import Health
from api.queries.health import health as question

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Neo4j reachable, version, counts")
async def health(answers: AnswersDep) -> Health:
    return await answers(question())
