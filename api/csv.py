"""How answers leave: JSON, CSV for list-shaped answers (`Accept: text/csv` or `?format=csv`),
or a graph file for answers that are a subgraph (`?format=graphml|gexf`).

CSV: one row per item of `results`; nested values are flattened to dotted columns one level
deep (`entity.id`), and deeper structures (paths, designations, sources) are written as compact
JSON so nothing, least of all a citation, is dropped.

Graph files: the neighbourhood, subsidiaries and paths answers converted to a subgraph
(`api.subgraphs`) and streamed by an exporter of `exports/` (GraphML or GEXF 1.2) as a download
(`Content-Disposition: attachment; filename="subsidiaries-company-hikvision.graphml"`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel

from api.answers import AsyncAnswers
from api.queries.steps import Query
from api.subgraphs import subgraph
from exports import GRAPH_FORMATS, GraphExporter
from exports.subgraph import Subgraph

CSV = "text/csv"
_TEXT = {"schema": {"type": "string"}}
_GRAPH_MEDIA = {e.media_type: _TEXT for e in GRAPH_FORMATS.values()}
# Declared on every route answered through `respond`, so the OpenAPI names both media types.
CSV_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The answer (JSON), or its `results` as CSV", "content": {CSV: _TEXT}}
}
# ... and on the routes whose answer is also a subgraph (`respond_or_draw`).
GRAPH_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The answer (JSON), its `results` as CSV, or its nodes and edges as a "
        "GraphML or GEXF file (an attachment)",
        "content": {CSV: _TEXT, **_GRAPH_MEDIA},
    }
}
DRAWING_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The answer (JSON), or its nodes and edges as a GraphML or GEXF file "
        "(an attachment)",
        "content": _GRAPH_MEDIA,
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


def wanted_graph(request: Request) -> GraphExporter | None:
    """The graph format asked for by `?format=` (checked by the route) or, without one, by an
    `Accept` naming a graph media type and not JSON."""
    fmt = request.query_params.get("format")
    if fmt is not None:
        return GRAPH_FORMATS.get(fmt.lower())
    accept = request.headers.get("accept", "")
    if "application/json" in accept:
        return None
    return next((e for e in GRAPH_FORMATS.values() if e.media_type in accept), None)


async def respond_or_draw(
    request: Request, answers: AsyncAnswers, ask: Query[BaseModel], csv: bool = True
) -> Response:
    """The answer of `ask` as JSON, CSV (where `csv`) or a graph file, as asked."""
    exporter = wanted_graph(request)
    if exporter is not None:
        return graph_file(exporter, await answers(subgraph(ask)))
    answer = await answers(ask)
    return respond(request, answer) if csv else as_json(answer)


def graph_file(exporter: GraphExporter, graph: Subgraph) -> StreamingResponse:
    """The file streamed as the exporter writes it (the subgraph is already complete, so no
    error can interrupt it half-way)."""
    disposition = f'attachment; filename="{exporter.filename(graph)}"'
    return StreamingResponse(
        exporter.chunks(graph),
        media_type=exporter.media_type,
        headers={"Content-Disposition": disposition},
    )
