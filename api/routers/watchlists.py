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
from api.params import KnownAt, Limit, Offset

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
    summary="What changed for a member or up its ownership and control paths, since a day: "
    "listings, ownership claims, stakes, scope rule versions",
    description="Kinds: listing_added, listing_modified, listing_ended (a list entry); "
    "ownership_added, ownership_ended, ownership_modified, stake_changed (an ownership or "
    "control fact going up from the member or an entity up its paths; the path ends with that "
    "edge); rule_version_changed (a dated version of a scope rule of a list an entity up the "
    "member's paths is on). Each change names the member, the entity it is about, the path "
    "from the member up to it (empty for the member itself), the state before and after, and "
    "the sources. Days are record time: when survgraph loaded the edition; `known_at` gives "
    "the feed as it stood at the end of that day. The answer carries an ETag; send it back as "
    "If-None-Match to get a 304 while nothing changed.",
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
    known_at: KnownAt = None,
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
        known_at,
    )
    body = answer.model_dump_json(by_alias=True)
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(body, media_type="application/json", headers={"ETag": etag})
