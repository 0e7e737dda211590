"""POST /resolve: a batch of names -> the resolver's decision (match/review/none) for each."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AnswersDep
from api.errors import BODY_RESPONSES
from api.models import ResolveAnswer, ResolveRequest
from api.queries.search import resolve as question

router = APIRouter(tags=["search"])


@router.post(
    "/resolve",
    response_model=ResolveAnswer,
    responses=BODY_RESPONSES,
    summary="Resolve names to entities, with score, runner-up and explanation",
)
async def resolve(body: ResolveRequest, answers: AnswersDep) -> ResolveAnswer:
    # Resolving a batch is CPU work on the index (and its first build a long read): a thread.
    ask = question(answers.index, body.names, body.labels, body.lists, body.as_of, body.known_at)
    return await answers.in_thread(ask)
