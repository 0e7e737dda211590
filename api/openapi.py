"""The OpenAPI document with the configured bounds filled in.

Parameters whose maximum is a setting carry an `x-survgraph-maximum` marker (`api.params`);
the document FastAPI generates is completed here once, so a client (or schemathesis) reads
the very bounds `api.checks` enforces for this deployment's settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from api.checks import MAX_NEIGHBORHOOD_DEPTH
from api.params import MARKER
from graph.settings import Settings


def maxima(settings: Settings) -> dict[str, int]:
    """Marker name -> the maximum `api.checks` enforces with these settings."""
    return {
        "page_size": settings.max_page_size,
        "depth": settings.max_depth,
        "neighborhood_depth": min(MAX_NEIGHBORHOOD_DEPTH, settings.max_depth),
    }


def _bound(schema: dict[str, Any], values: dict[str, int]) -> None:
    """Replace the marker by `maximum` on the integer branch (an optional int is anyOf)."""
    name = schema.pop(MARKER, None)
    if name is None:
        return
    branches = [b for b in schema.get("anyOf", []) if b.get("type") == "integer"]
    for target in branches or [schema]:
        target["maximum"] = values[name]


def fill_maxima(document: dict[str, Any], settings: Settings) -> dict[str, Any]:
    values = maxima(settings)
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                _bound(parameter.get("schema", {}), values)
    return document


def install(app: FastAPI, settings: Settings) -> None:
    """`app.openapi()` returns the generated document with the settings' maxima, cached."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = fill_maxima(generate(), settings)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
