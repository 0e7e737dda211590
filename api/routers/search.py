"""GET /search: fuzzy name search over names and aliases (the resolver's index)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from api.checks import MAX_QUERY_CHARS
from api.csv import CSV_RESPONSES, respond
from api.deps import AnswersDep
from api.models import EntityLabel, SearchAnswer
from api.params import AsOf, Format, KnownAt, Limit, Lists
from api.queries.search import is_cpu_only
from api.queries.search import search as question

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    response_model=SearchAnswer,
    responses=CSV_RESPONSES,
    summary="Fuzzy search of entity names and aliases (Chinese script and pinyin included)",
)
async def search(
    request: Request,
    answers: AnswersDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_CHARS,
            pattern=r"\S",
            description="a name, as pasted (not only blanks)",
        ),
    ],
    label: Annotated[EntityLabel | None, Query(description="only entities of this kind")] = None,
    limit: Limit = 10,
    lists: Lists = None,
    as_of: AsOf = None,
    fmt: Format = None,
    known_at: KnownAt = None,
) -> Any:
    # Once the index is built and fresh, a search is a millisecond of CPU with no I/O. It then
    # runs on the event loop, where concurrent searches take turns in arrival order, instead
    # of in a thread, where they would contend for the GIL and all finish late. Anything that
    # may wait on Neo4j (list filters, the periodic freshness check, the first build) still
    # goes to the thread pool so the loop never blocks on the database.
    ask = question(answers.settings, answers.index, q, label, limit, lists, as_of, known_at)
    if is_cpu_only(answers.index, lists, known_at):
        return respond(request, answers.run(ask))
    return respond(request, await answers.in_thread(ask))
