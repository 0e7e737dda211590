"""POST /watchlists, GET /watchlists/{id} and its changes (with an ETag). Writes: a key."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api import models as m
from api import watchlists as w
from api.auth import Owner
from api.deps import AnswersDep
from api.errors import WRITE_RESPONSES
from api.params import Limit, Offset

router = APIRouter(prefix="/watchlists", tags=["screening"])
WatchlistId = Annotated[str, Path(description="a watchlist's id (404 for another key's)")]


@router.post(
    "",
    status_code=201,
    response_model=m.Watchlist,
    responses=WRITE_RESPONSES,
    summary="Watch entities (ids, or a screening job's matches) for changes along their paths",
)
async def create(body: m.WatchlistRequest, owner: Owner, answers: AnswersDep) -> m.Watchlist:
    return await run_in_threadpool(w.create, answers.graph, owner, body)


@router.get(
    "/{watchlist_id}",
    response_model=m.Watchlist,
    responses=WRITE_RESPONSES,
    summary="A watchlist and its members",
)
async def watchlist(watchlist_id: WatchlistId, owner: Owner, answers: AnswersDep) -> m.Watchlist:
    return await run_in_threadpool(w.get, answers.graph, watchlist_id, owner)


@router.get(
    "/{watchlist_id}/changes",
    response_model=m.WatchlistChanges,
    responses={**WRITE_RESPONSES, 304: {"description": "Unchanged since the ETag sent"}},
    summary="Listings added, modified or ended for a member or up its ownership and control "
    "paths, since a day",
    description="Each change names the member, the entity it is about, the path from the "
    "member up to it (empty for the member itself), the entry before and after, and the load "
    "run's snapshot source. Days are record time: when survgraph loaded the edition. The "
    "answer carries an ETag; send it back as If-None-Match to get a 304 while nothing changed.",
)
async def changes(
    request: Request,
    watchlist_id: WatchlistId,
    owner: Owner,
    answers: AnswersDep,
    since: Annotated[m.IsoDate, Query(description="first day (ISO date, inclusive)")],
    until: Annotated[m.IsoDate | None, Query(description="last day (inclusive)")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    answer = await run_in_threadpool(
        w.changes,
        answers.graph,
        answers.settings,
        watchlist_id,
        owner,
        since,
        until,
        limit,
        offset,
    )
    body = answer.model_dump_json(by_alias=True)
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})
