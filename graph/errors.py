"""One error family for the graph layer, each carrying the HTTP status the API maps it to.

The API's handler table turns these into problem+json; the CLI prints their message. Driver
exceptions never leak past `graph/`: they are converted here with `raise ... from`.
"""

from __future__ import annotations


class SurvgraphError(Exception):
    """Root of survgraph's errors."""

    status: int = 500
    title: str = "Internal error"

    def __init__(self, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class DatabaseUnavailable(SurvgraphError):
    status = 503
    title = "Database unavailable"


class QueryTimeout(SurvgraphError):
    status = 504
    title = "Query took too long"


class NotFound(SurvgraphError):
    status = 404
    title = "Not found"


class BadRequest(SurvgraphError):
    status = 422
    title = "Invalid request"
