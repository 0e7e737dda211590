"""Screened rows as CSV (fixed columns, so pages concatenate) or JSON lines."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from api import models as m

COLUMNS = (
    "row",
    "line",
    "status",
    "error",
    "name",
    "country",
    "address",
    "row_id",
    "identifiers",
    "decision",
    "entity_id",
    "entity_name",
    "score",
    "explanation",
    "designations",
    "exposure",
    "coverage",
    "designations_json",
    "exposure_json",
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        # A leading = + - @ would make a spreadsheet run the cell as a formula.
        return "'" + value if value[:1] in ("=", "+", "-", "@") else value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def csv_row(x: m.ScreeningRow) -> dict[str, str]:
    d = x.decision
    entity = d.entity if d else None
    data = x.model_dump(mode="json", by_alias=True)
    cells: dict[str, Any] = {
        "row": str(x.row),
        "line": str(x.line),
        "status": x.status,
        "error": x.error,
        **{k: x.input.get(k) for k in ("name", "country", "address", "row_id")},
        "identifiers": x.input.get("identifiers") or None,
        "decision": d.decision if d else None,
        "entity_id": entity.id if entity else None,
        "entity_name": entity.name if entity else None,
        "score": str(d.score) if d else None,
        "explanation": d.explanation if d else None,
        "designations": "; ".join(z.list_ref.id for z in x.designations) or None,
        "exposure": "; ".join(_derived(z) for z in x.exposure) or None,
        "coverage": x.coverage.note if x.coverage else None,
        "designations_json": data["designations"] or None,
        "exposure_json": data["exposure"] or None,
    }
    return {k: _cell(cells[k]) for k in COLUMNS}


def _derived(z: m.DerivedCoverage) -> str:
    return f"{z.rule.id}: {z.outcome}" + (f" via {z.through.id}" if z.through else "")


def csv_text(rows: Iterable[m.ScreeningRow], header: bool) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(csv_row(x) for x in rows)
    return out.getvalue()


def jsonl_text(rows: Iterable[m.ScreeningRow]) -> str:
    return "".join(x.model_dump_json(by_alias=True) + "\n" for x in rows)
