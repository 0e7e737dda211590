"""GET /search: fuzzy name search over names and aliases (the resolver's index)."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from api.csv import CSV_RESPONSES, respond
from api.deps import ServiceDep
from api.models import EntityLabel, SearchAnswer
from api.params import AsOf, Format, Limit, Lists
from api.service import MAX_QUERY_CHARS

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    response_model=SearchAnswer,
    responses=CSV_RESPONSES,
    summary="Fuzzy search of entity names and aliases (Chinese script and pinyin included)",
)
async def search(
    request: Request,
    service: ServiceDep,
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
) -> Any:
    # Once the index is built and fresh, a search is a millisecond of CPU with no I/O. It then
    # runs on the event loop, where concurrent searches take turns in arrival order, instead
    # of in a thread, where they would contend for the GIL and all finish late. Anything that
    # may wait on Neo4j (list filters, the periodic freshness check, the first build) still
    # goes to the thread pool so the loop never blocks on the database.
    ask = partial(service.search, q, label=label, limit=limit, lists=lists, as_of=as_of)
    if service.search_is_cpu_only(lists):
        return respond(request, ask())
    return respond(request, await run_in_threadpool(ask))
