"""POST /resolve: a batch of names -> the resolver's decision (match/review/none) for each."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ServiceDep
from api.errors import BODY_RESPONSES
from api.models import ResolveAnswer, ResolveRequest

router = APIRouter(tags=["search"])


@router.post(
    "/resolve",
    response_model=ResolveAnswer,
    responses=BODY_RESPONSES,
    summary="Resolve names to entities, with score, runner-up and explanation",
)
def resolve(body: ResolveRequest, service: ServiceDep) -> ResolveAnswer:
    return service.resolve(body.names, labels=body.labels, lists=body.lists, as_of=body.as_of)
