"""How answers leave: JSON, or CSV for list-shaped answers (`Accept: text/csv` or `?format=csv`).

One row per item of `results`; nested values are flattened to dotted columns one level deep
(`entity.id`), and deeper structures (paths, designations, sources) are written as compact
JSON so nothing, least of all a citation, is dropped.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

CSV = "text/csv"
# Declared on every route answered through `respond`, so the OpenAPI names both media types.
CSV_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The answer (JSON), or its `results` as CSV",
        "content": {CSV: {"schema": {"type": "string"}}},
    }
}


def wants_csv(request: Request) -> bool:
    fmt = request.query_params.get("format")
    if fmt is not None:
        return fmt.lower() == "csv"
    accept = request.headers.get("accept", "")
    return CSV in accept and "application/json" not in accept


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        # A leading = + - @ would make a spreadsheet run the cell as a formula.
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _flatten(item: dict[str, Any]) -> dict[str, str]:
    row: dict[str, str] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                row[f"{key}.{sub}"] = _cell(inner)
        else:
            row[key] = _cell(value)
    return row


def to_csv(answer: BaseModel) -> str:
    data = answer.model_dump(mode="json", by_alias=True)
    rows = [_flatten(item) for item in data.get("results", [])]
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def as_json(answer: BaseModel) -> Response:
    """The answer serialised once, by pydantic's own serializer.

    Returning the model would make FastAPI validate it against the route's `response_model`
    a second time and serialise it again; the model was validated when the service built it,
    and the route's `response_model` still documents the shape in OpenAPI."""
    return Response(answer.model_dump_json(by_alias=True), media_type="application/json")


def respond(request: Request, answer: BaseModel) -> Response:
    """The answer as JSON, or as CSV when asked for."""
    if wants_csv(request):
        return Response(to_csv(answer), media_type=f"{CSV}; charset=utf-8")
    return as_json(answer)
