"""One error family for the graph layer, each carrying the HTTP status the API maps it to.

The API's handler table turns these into problem+json; the CLI prints their message. Driver
exceptions never leak past `graph/`: both drivers' callers (`graph.db`, `graph.adb`) wrap
their driver calls in `translated()`, which converts them here with `raise ... from`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)


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


class Unauthorized(SurvgraphError):
    """A write without a valid API key (RFC 6750: the answer names the Bearer scheme)."""

    status = 401
    title = "Unauthorized"
    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": 'Bearer realm="survgraph"'}


class TooLarge(SurvgraphError):
    status = 413
    title = "Content too large"


@contextmanager
def translated() -> Iterator[None]:
    """Driver exceptions in, survgraph errors out."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as exc:
        raise DatabaseUnavailable(f"Neo4j is not reachable: {exc}") from exc
    except AuthError as exc:
        raise DatabaseUnavailable(f"Neo4j refused the credentials: {exc}") from exc
    except ClientError as exc:
        code = exc.code or ""
        if "TransactionTimedOut" in code or "Terminated" in code:
            raise QueryTimeout(f"the query exceeded its time limit ({code})") from exc
        if "Schema" in code or "Statement" in code or "Procedure" in code:
            raise SurvgraphError(f"Neo4j rejected a statement: {exc.message}") from exc
        raise BadRequest(f"Neo4j rejected the request: {exc.message}") from exc
    except Neo4jError as exc:
        code = exc.code or ""
        if "DatabaseUnavailable" in code:
            raise DatabaseUnavailable(f"the Neo4j database is not available ({code})") from exc
        if "TransactionTimedOut" in code or "Terminated" in code:
            raise QueryTimeout(f"the query exceeded its time limit ({code})") from exc
        raise SurvgraphError(f"Neo4j error: {exc}") from exc
    except DriverError as exc:
        raise DatabaseUnavailable(f"Neo4j driver error: {exc}") from exc
