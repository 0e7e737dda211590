"""POST /screenings: a supplier file screened in the background; its status and results.

The upload is the request body (CSV with a `name` column, or JSON lines with a `name`
field), spooled to disk as it arrives and answered `202` with the job's id as soon as it is
stored; the worker (api/screening/worker.py) screens it in chunks. Jobs are writes: they need
an API key, and only that key sees them (another key: 404).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from api import checks
from api import models as m
from api.auth import Owner
from api.deps import AnswersDep
from api.errors import PROBLEM, WRITE_RESPONSES
from api.params import AsOf, KnownAt, Lists
from api.screening import intake, jobs, output
from graph.errors import TooLarge

router = APIRouter(prefix="/screenings", tags=["screening"])
PAGE = 1000
MAX_RESULTS = 1_000_000

JobId = Annotated[str, Path(description="a screening job's id (404 for another key's job)")]
_TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: {
        "model": m.Problem,
        "content": {PROBLEM: {}},
        "description": "The upload exceeds SURVGRAPH_SCREENING_MAX_BYTES",
    }
}
_TEXT = {"schema": {"type": "string"}}
# What `intake.check` accepts, said in the schema: a CSV whose header line names a `name`
# column (other header fields unquoted), or JSON lines, one object with a `name` per line.
CSV_HEADER = (
    r'^\ufeff?([^\n\r\x00,"]*,)*[ \t]*"?[Nn][Aa][Mm][Ee]"?[ \t]*(,[^\n\r\x00"]*)?'
    r"(\r?\n[^\x00]*)?$"
)
_FIELD = {"type": "string", "maxLength": 500}
_UPLOAD = {
    "requestBody": {
        "required": True,
        "description": "The file: CSV with a header naming a `name` column (optional "
        "`country`, `address`, `row_id`; any other column is kept as an identifier), or JSON "
        "lines, one object per line with a `name` field (described here as the array of "
        "those objects).",
        "content": {
            "text/csv": {
                "schema": {"type": "string", "pattern": CSV_HEADER},
                "example": "row_id,name,country\nS-1,Hikvision,CN\nS-2,Acme Widgets,US\n",
            },
            "application/x-ndjson": {
                "schema": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {
                            "name": _FIELD,
                            "country": _FIELD,
                            "address": _FIELD,
                            "row_id": _FIELD,
                        },
                    },
                },
                "example": [{"row_id": "S-1", "name": "Hikvision", "country": "CN"}],
            },
        },
    }
}


@router.post(
    "",
    status_code=202,
    response_model=m.Accepted,
    responses={**WRITE_RESPONSES, **_TOO_LARGE},
    openapi_extra=_UPLOAD,
    summary="Screen a file of names: resolution, designations, derived exposure, coverage",
    description="The body is the file (`text/csv` or `application/x-ndjson`), streamed to "
    "disk and answered 202 with the job's id at once; `GET /screenings/{id}` follows it. "
    "A malformed record is kept aside with its line number and the rest is screened; a body "
    "that is not CSV or JSON lines, or has no `name` column, is a 422. Needs an API key.",
)
async def submit(
    request: Request,
    owner: Owner,
    answers: AnswersDep,
    as_of: AsOf = None,
    lists: Lists = None,
    known_at: KnownAt = None,
) -> JSONResponse:
    settings = answers.settings
    fmt = intake.format_of(request.headers.get("content-type"))
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.screening_max_bytes:
        raise TooLarge(f"the upload exceeds {settings.screening_max_bytes} bytes")
    day = checks.as_of(as_of)
    checks.known_before(known_at)
    chosen = await answers(checks.known_lists("lists", lists))
    job_id = jobs.new_id()
    path = jobs.spool_path(settings, job_id, fmt)
    size, lines = await intake.spool(request.stream(), path, settings.screening_max_bytes)
    try:
        await run_in_threadpool(intake.check, path, fmt)
        await run_in_threadpool(
            lambda: jobs.create(
                answers.graph,
                settings,
                job_id=job_id,
                owner=owner,
                fmt=fmt,
                as_of=day,
                lists=chosen,
                size=size,
                lines=lines,
                known_at=known_at,
            )
        )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    request.app.state.worker.wake.set()
    where = f"/screenings/{job_id}"
    body = m.Accepted(id=job_id, status="queued", location=where)
    return JSONResponse(body.model_dump(), status_code=202, headers={"Location": where})


@router.get(
    "/{job_id}",
    response_model=m.ScreeningJob,
    responses=WRITE_RESPONSES,
    summary="A screening job's status and progress (rows done, rate, time left)",
)
async def job(job_id: JobId, owner: Owner, answers: AnswersDep) -> m.ScreeningJob:
    def ask() -> m.ScreeningJob:
        return jobs.status(answers.graph, jobs.job_of(answers.graph, job_id, owner))

    return await run_in_threadpool(ask)


@router.get(
    "/{job_id}/results",
    responses={
        **WRITE_RESPONSES,
        200: {
            "description": "The screened rows in input order: JSON lines (each a "
            "ScreeningRow), or CSV with fixed columns",
            "content": {"application/x-ndjson": _TEXT, "text/csv": _TEXT},
        },
    },
    response_class=StreamingResponse,
    summary="A screening job's rows in input order, as JSON lines or CSV, paged",
)
async def results(
    job_id: JobId,
    owner: Owner,
    answers: AnswersDep,
    fmt: Annotated[
        Literal["jsonl", "csv"], Query(alias="format", description="jsonl (default) or csv")
    ] = "jsonl",
    limit: Annotated[
        int, Query(ge=1, le=MAX_RESULTS, description="rows to send (from `offset`)")
    ] = MAX_RESULTS,
    offset: Annotated[int, Query(ge=0, le=10**9, description="rows to skip")] = 0,
) -> StreamingResponse:
    found = await run_in_threadpool(jobs.job_of, answers.graph, job_id, owner)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    return StreamingResponse(_pages(answers, found, fmt, limit, offset), media_type=media)


async def _pages(
    answers: AnswersDep, job: dict[str, Any], fmt: str, limit: int, offset: int
) -> AsyncIterator[str]:
    """The rows read a page at a time, so a million-row job is never held whole."""
    end, at, first = offset + limit, offset, True
    while at < end:
        size = min(PAGE, end - at)
        rows = await run_in_threadpool(jobs.page, answers.graph, answers.settings, job, size, at)
        if fmt == "csv":
            yield output.csv_text(rows, header=first)
        else:
            yield output.jsonl_text(rows)
        first = False
        if len(rows) < size:
            return
        at += size
