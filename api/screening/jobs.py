"""Screening jobs in the graph: created from a spooled upload, read back by their owner only.

A job is a `:ScreeningJob` node; each input record becomes a `:ScreeningRow` keyed by (job,
row) once screened (api/screening/worker.py). The upload itself waits in the job's spool
file (`settings.screening_dir`) until the last row is screened, so a restarted server
continues from the first row that has no result. These are the service's bookkeeping, written
with `Graph.record` (see there).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from api import checks
from api import models as m
from api.queries.steps import Missing
from graph.db import Graph, Row
from graph.settings import Settings

MALFORMED_SHOWN = 100


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_id() -> str:
    return "scr-" + uuid.uuid4().hex[:16]


def spool_path(settings: Settings, job_id: str, fmt: str) -> Path:
    return settings.screening_dir / f"{job_id}.{fmt}"


def consulted(graph: Graph, lists: list[str] | None) -> list[m.ListConsulted]:
    """The lists a job consults, read once when it is created (so every row of the job, and a
    resumed run, states the same coverage)."""
    rows = graph.read("screening/lists", lists=lists)
    return [m.ListConsulted.model_validate({k: _text(v) for k, v in r.items()}) for r in rows]


def _text(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def create(
    graph: Graph,
    settings: Settings,
    *,
    job_id: str,
    owner: str,
    fmt: str,
    as_of: str,
    lists: list[str] | None,
    size: int,
    lines: int,
    runner: str = "api",
    known_at: str | None = None,
) -> str:
    """The job node, queued; its spool file is already in place. `runner`: who screens it
    (the API's worker, or the `survgraph screen` run that made it)."""
    coverage = [c.model_dump() for c in consulted(graph, lists)]
    job = {
        "id": job_id,
        "owner": owner,
        "status": "queued",
        "runner": runner,
        "format": fmt,
        "as_of": as_of,
        "known_at": known_at,
        "lists": lists,
        "created_at": now(),
        "bytes": size,
        "rows_total": max(lines - (1 if fmt == "csv" else 0), 0),
        "rows_total_exact": False,
        "rows_done": 0,
        "rows_matched": 0,
        "rows_malformed": 0,
        "depth": settings.max_depth,
        "coverage": json.dumps(coverage),
    }
    graph.record("screening/job_create", job=job)
    return job_id


def job_of(graph: Graph, job_id: str, owner: str) -> Row:
    """The job's node properties; Missing (404) for another key's job, as for no job."""
    row = graph.read_one("screening/job", id=job_id, owner=owner)
    if row is None:
        raise Missing("screening job", job_id)
    job: Row = row["job"]
    return job


def status(graph: Graph, job: Row) -> m.ScreeningJob:
    done, total = int(job["rows_done"]), int(job["rows_total"])
    rate = _rate(job)
    exact = bool(job.get("rows_total_exact"))
    left = max(total - done, 0) if not exact else total - done
    malformed = graph.read("screening/malformed", job=job["id"], limit=MALFORMED_SHOWN)
    return m.ScreeningJob(
        id=job["id"],
        status=job["status"],
        format=job["format"],
        as_of=job["as_of"],
        known_at=job.get("known_at"),
        lists=job.get("lists"),
        created_at=job["created_at"],
        started_at=job.get("started_at"),
        finished_at=job.get("finished_at"),
        rows_done=done,
        rows_total=max(total, done),
        rows_total_exact=exact,
        rows_matched=int(job["rows_matched"]),
        rows_malformed=int(job["rows_malformed"]),
        rate_rows_per_s=round(rate, 1) if rate else None,
        eta_s=round(left / rate, 1) if rate and job["status"] != "done" else None,
        error=job.get("error"),
        malformed=[m.MalformedRow.model_validate(r) for r in malformed],
        results=f"/screenings/{job['id']}/results",
    )


def _rate(job: Row) -> float | None:
    start, last = job.get("started_at"), job.get("updated_at")
    if not start or not last or not job["rows_done"]:
        return None
    seconds = (datetime.fromisoformat(last) - datetime.fromisoformat(start)).total_seconds()
    return job["rows_done"] / seconds if seconds > 0 else None


def coverage_of(job: Row, ownership_sources: list[str]) -> m.Coverage:
    lists = [m.ListConsulted.model_validate(x) for x in json.loads(job["coverage"])]
    named = ", ".join(f"{x.id} (loaded {x.loaded_at or 'unknown'})" for x in lists)
    note = (
        f"Checked on {job['as_of']} against {len(lists)} list(s): {named or 'none'}; "
        f"ownership and control followed up to {job['depth']} hops"
        + (f"; as recorded by the end of {job['known_at']}." if job.get("known_at") else ".")
    )
    return m.Coverage(
        as_of=job["as_of"],
        known_at=job.get("known_at"),
        lists=lists,
        ownership_depth=int(job["depth"]),
        ownership_sources=ownership_sources,
        note=note,
    )


def page(
    graph: Graph, settings: Settings, job: Row, limit: int, offset: int
) -> list[m.ScreeningRow]:
    """Rows `offset`.. in input order (only those screened so far)."""
    limit = checks.check_max("limit", limit, 10_000)
    rows = graph.read("screening/rows", job=job["id"], offset=offset, limit=limit)
    return [row_of(job, r["row"]) for r in rows]


def row_of(job: Row, x: Row) -> m.ScreeningRow:
    result = json.loads(x["result"]) if x.get("result") else {}
    screened = x["status"] == "screened"
    return m.ScreeningRow(
        row=x["row"],
        line=x["line"],
        status=x["status"],
        error=x.get("error"),
        input=json.loads(x["input"]) if x.get("input") else {},
        decision=result.get("decision"),
        designations=result.get("designations", []),
        exposure=result.get("exposure", []),
        coverage=coverage_of(job, result.get("ownership_sources", [])) if screened else None,
    )
