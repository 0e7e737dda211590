"""One handler table: every error leaves the API as application/problem+json (RFC 9457).

`SurvgraphError` subclasses carry their HTTP status and title; their `extra` members
(`errors`, `suggestions`) are added to the problem. FastAPI's request validation errors become
422 problems listing the offending fields; unknown routes become 404 problems, and a method a
route does not serve a 405 problem with the `Allow` header naming those it does.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.models import Problem
from graph.errors import SurvgraphError

PROBLEM = "application/problem+json"
log = logging.getLogger("survgraph.api")

# Declared on every route so the OpenAPI names the error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {PROBLEM: {}}, "description": title}
    for status, title in (
        (404, "Not found (with `suggestions` for an unknown entity id)"),
        (422, "Invalid request (`errors` names the fields)"),
        (503, "Database unavailable"),
        (504, "Query took too long"),
    )
}

# Declared on the routes that need an API key (api/auth.py).
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {
        "model": Problem,
        "content": {PROBLEM: {}},
        "description": "No API key, or not one of SURVGRAPH_API_KEYS",
    }
}

# A body that is not even text (undecodable bytes) is refused before validation, as a 400.
BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "content": {PROBLEM: {}}, "description": "Body could not be parsed"}
}


def problem(
    request: Request,
    status: int,
    title: str,
    detail: str,
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    body.update(extra or {})
    sent = {**(headers or {}), **({"Retry-After": "5"} if status == 503 else {})}
    return JSONResponse(
        jsonable_encoder(body), status_code=status, media_type=PROBLEM, headers=sent or None
    )


async def _survgraph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SurvgraphError)
    if exc.status >= 500 and exc.status not in (503, 504):
        log.exception("internal error", exc_info=exc)
    headers = getattr(exc, "headers", None)
    return problem(request, exc.status, exc.title, exc.detail, exc.extra, headers)


def _location(loc: Sequence[Any]) -> list[Any]:
    """A body error keeps its full path (`names.0`); a repeated query parameter is named as
    the parameter (`rel`), like every other query error, not by the index of its value."""
    if loc and loc[0] != "body":
        return list(loc[:2])
    return list(loc)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "loc": (loc := _location(err.get("loc", ()))),
            "field": ".".join(str(p) for p in loc[1:]) or None,
            "msg": err.get("msg"),
            "type": err.get("type"),
        }
        for err in exc.errors()
    ]
    fields = ", ".join(e["field"] or "body" for e in errors)
    return problem(
        request, 422, "Invalid request", f"invalid value for: {fields}", {"errors": errors}
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    titles = {
        400: "Bad request",
        404: "Not found",
        405: "Method not allowed",
        406: "Not acceptable",
    }
    detail = str(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no route {request.url.path}"
    # Starlette's 405 names the route's methods in `Allow` (RFC 9110 requires it): keep it.
    return problem(
        request, exc.status_code, titles.get(exc.status_code, "Error"), detail, None, exc.headers
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return problem(request, 500, "Internal error", "an unexpected error occurred")


def install(app: FastAPI) -> None:
    app.add_exception_handler(SurvgraphError, _survgraph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
