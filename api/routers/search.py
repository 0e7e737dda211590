"""GET /search: fuzzy name search over names and aliases (the resolver's index)."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from api.csv import respond
from api.deps import ServiceDep
from api.models import SearchAnswer

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    response_model=SearchAnswer,
    summary="Fuzzy search of entity names and aliases (Chinese script and pinyin included)",
)
async def search(
    request: Request,
    service: ServiceDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="a name, as pasted")],
    label: Annotated[
        str | None, Query(description="Company, GovernmentBody, Place, List or Contract")
    ] = None,
    limit: Annotated[int, Query(ge=1)] = 10,
    lists: Annotated[
        list[str] | None,
        Query(
            description="list ids (comma-separated or repeated): only entities with a "
            "designation in force on one of them on as_of"
        ),
    ] = None,
    as_of: Annotated[str | None, Query(description="ISO date for `lists` (default today)")] = None,
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
