"""The worker that screens jobs in chunks, inside the API process (or the CLI's).

Each chunk of records is decided by `api.queries.search.resolve`, the very question `POST
/resolve` asks (so a job's decisions equal /resolve's, name by name), then every matched
entity gets its designations in force on `as_of` and what the scope rules derive for it
(`api.queries.entities.exposure`, the /exposure answer). The chunk's rows and the job's
progress are written in one transaction, so after a crash the job continues from the first
record without a result and never writes one twice.

One thread serves every job, a chunk of each in turn, so two jobs advance side by side; the
event loop keeps answering requests meanwhile (the work is in its own thread).
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from api import checks
from api import convert as c
from api import models as m
from api.answers import Answers
from api.queries import entities as eq
from api.queries.search import resolve
from api.queries.steps import Missing
from api.screening import intake, jobs
from graph.db import Row
from graph.errors import DatabaseUnavailable, QueryTimeout, SurvgraphError
from graph.model import edge_types

log = logging.getLogger("survgraph.screening")
EXPOSURE_CACHE = 10_000
LEASE_S = 15.0
EXPOSURE_THREADS = 8


class Overtaken(Exception):
    """The job moved on without this process (another one holds it now)."""


@dataclass
class Cursor:
    """Where a job's records are read from, and how many it has consumed."""

    records: Iterator[intake.Record]
    done: int


class Screener:
    """Screens chunks of a job's records (the same for the API's worker and the CLI)."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.settings = answers.settings
        self.graph = answers.graph
        self._cursors: dict[str, Cursor] = {}
        self._exposure: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        self.me = uuid.uuid4().hex
        self._pool = ThreadPoolExecutor(EXPOSURE_THREADS, "screening-exposure")

    def claim(self, runner: str, only: str | None = None) -> list[Row]:
        """The unfinished jobs this process may work on now (leased to it for LEASE_S)."""
        at = datetime.now(UTC)
        rows = self.graph.record(
            "screening/jobs_claim",
            runner=runner,
            only=only,
            me=self.me,
            now=at.isoformat(timespec="milliseconds"),
            until=(at + timedelta(seconds=LEASE_S)).isoformat(timespec="milliseconds"),
        )
        return [r["job"] for r in rows]

    def step(self, job: Row) -> bool:
        """Screen and write the job's next chunk; False once the job is finished."""
        cursor = self._cursor(job)
        try:
            return self._step(job, cursor)
        except BaseException:
            # the records taken from the cursor were not written: read them again next time
            self._cursors.pop(job["id"], None)
            raise

    def _step(self, job: Row, cursor: Cursor) -> bool:
        size = self.settings.screening_chunk
        chunk = list(itertools.islice(cursor.records, size))
        last = len(chunk) < size
        rows = self.screen(job, chunk)
        done = cursor.done + len(chunk)
        at = jobs.now()
        saved = self.graph.record(
            "screening/rows_save",
            job=job["id"],
            rows=rows,
            **{"from": cursor.done},
            done=done,
            malformed=sum(r["status"] == "malformed" for r in rows),
            matched=sum(r["decision"] == "match" for r in rows),
            at=at,
            started=job.get("started_at") or at,
            status="done" if last else "running",
        )
        if not saved:  # another process wrote this chunk first: read where it stands
            raise Overtaken(job["id"])
        cursor.done = done
        job["started_at"] = job.get("started_at") or at
        if last:
            self._finish(job)
        return not last

    def _cursor(self, job: Row) -> Cursor:
        cursor = self._cursors.get(job["id"])
        if cursor is None or cursor.done != job["rows_done"]:
            path = jobs.spool_path(self.settings, job["id"], job["format"])
            skip = int(job["rows_done"])
            cursor = Cursor(intake.records(path, job["format"], skip), skip)
            self._cursors[job["id"]] = cursor
        return cursor

    def _finish(self, job: Row) -> None:
        self._cursors.pop(job["id"], None)
        jobs.spool_path(self.settings, job["id"], job["format"]).unlink(missing_ok=True)

    def screen(self, job: Row, chunk: list[intake.Record]) -> list[dict[str, Any]]:
        good = [r for r in chunk if r.error is None]
        names = [r.fields["name"] for r in good]
        decided = self._decide(job, names) if names else []
        self._prefetch(job, decided)
        by_row = {r.row: d for r, d in zip(good, decided, strict=True)}
        return [self._row(job, r, by_row.get(r.row)) for r in chunk]

    def _prefetch(self, job: Row, decided: list[m.ResolveDecision]) -> None:
        """The chunk's matched entities' exposure, asked side by side: each answer is a few
        round trips to the server, so waiting on them one after another would leave the
        worker idle most of the time."""
        wanted = {d.entity.id for d in decided if d.decision == "match" and d.entity}
        missing = sorted(e for e in wanted if self._key(job, e) not in self._exposure)
        missing = self._unowned(job, missing)
        for entity, found in zip(
            missing, self._pool.map(lambda e: self._ask_exposure(job, e), missing), strict=True
        ):
            self._remember(self._key(job, entity), found)

    def _decide(self, job: Row, names: list[str]) -> list[m.ResolveDecision]:
        ask = resolve(
            self.answers.index, names, None, job.get("lists"), job["as_of"], job.get("known_at")
        )
        return self.answers.run(ask).results

    def _row(
        self, job: Row, record: intake.Record, decision: m.ResolveDecision | None
    ) -> dict[str, Any]:
        base = {"row": record.row, "line": record.line, "entity_id": None, "decision": None}
        if decision is None:
            return {**base, "status": "malformed", "error": record.error, "input": None}
        result: dict[str, Any] = {"decision": decision.model_dump(mode="json", by_alias=True)}
        entity = decision.entity.id if decision.decision == "match" and decision.entity else None
        if entity is not None:
            result.update(self._exposure_of(job, entity))
        return {
            **base,
            "status": "screened",
            "error": None,
            "input": json.dumps(record.fields, ensure_ascii=False),
            "result": json.dumps(result, ensure_ascii=False),
            "decision": decision.decision,
            "entity_id": entity,
        }

    def _unowned(self, job: Row, entities: list[str]) -> list[str]:
        """Settles in one read the entities no owner or controller stands above (their
        exposure is their own designations alone, nothing derived); returns the others."""
        if not entities:
            return []
        rows = self.graph.read(
            "screening/designations",
            ids=entities,
            as_of=job["as_of"],
            known_before=checks.known_before(job.get("known_at")),
            lists=job.get("lists"),
            **edge_types(),
        )
        owned = []
        for row in rows:
            if row["owned"]:
                owned.append(str(row["id"]))
                continue
            book = c.SourceBook(row["sources"])
            own = [x for r in row["own"] for x in c.designations(r["claims"], book, job["as_of"])]
            direct = [x.model_dump(mode="json", by_alias=True) for x in own if x.in_force]
            found = {"designations": direct, "exposure": [], "ownership_sources": []}
            self._remember(self._key(job, str(row["id"])), found)
        return owned

    def _exposure_of(self, job: Row, entity: str) -> dict[str, Any]:
        """Designations in force and derived coverage of one entity (cached per job day and
        lists: many rows of a supplier file name the same company)."""
        key = self._key(job, entity)
        found = self._exposure.get(key)
        if found is None:
            found = self._ask_exposure(job, entity)
            self._remember(key, found)
        return found

    @staticmethod
    def _key(job: Row, entity: str) -> tuple[str, str, str, str]:
        return (entity, job["as_of"], json.dumps(job.get("lists")), job.get("known_at") or "")

    def _remember(self, key: tuple[str, str, str, str], found: dict[str, Any]) -> None:
        if len(self._exposure) >= EXPOSURE_CACHE:
            self._exposure.clear()
        self._exposure[key] = found

    def _ask_exposure(self, job: Row, entity: str) -> dict[str, Any]:
        ask = eq.exposure(
            self.settings,
            entity,
            int(job["depth"]),
            job["as_of"],
            1,
            0,
            job.get("lists"),
            job.get("known_at"),
        )
        try:
            answer = self.answers.run(ask)
        except Missing:
            return {}
        derived = [d.model_dump(mode="json", by_alias=True) for d in answer.derived]
        return {
            "designations": [d.model_dump(mode="json", by_alias=True) for d in answer.direct],
            "exposure": derived,
            "ownership_sources": sorted(
                {s for d in answer.derived for e in d.path for s in e.source_ids}
            ),
        }

    def run_job(self, job_id: str, progress: Callable[[int], None] | None = None) -> None:
        """Screen one CLI job to its end, in this process."""
        while jobs := self.claim("cli", job_id):
            job = jobs[0]
            before = int(job["rows_done"])
            more = self.step(job)
            if progress is not None:
                progress(self._cursors[job_id].done - before if more else 0)
            if not more:
                return

    def fail(self, job: Row, exc: Exception) -> None:
        log.exception("screening job %s failed", job["id"], exc_info=exc)
        self._cursors.pop(job["id"], None)
        self.graph.record(
            "screening/job_status", id=job["id"], status="failed", error=str(exc), at=jobs.now()
        )


class Worker:
    """The API's background thread: takes turns over the unfinished jobs, a chunk each."""

    def __init__(self, answers: Answers, idle_s: float = 1.0) -> None:
        self.screener = Screener(answers)
        self.idle_s = idle_s
        self.wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="screening", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self.wake.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self._round()
            except SurvgraphError:
                log.exception("screening worker: the database failed; trying again")
                busy = False
            if not busy:
                self.wake.wait(self.idle_s)
                self.wake.clear()

    def _round(self) -> bool:
        """One chunk of every unfinished job; False when there was none."""
        waiting = self.screener.graph.read_one("screening/jobs_waiting", runner="api")
        if not waiting or not waiting["waiting"]:
            return False
        rows = self.screener.claim("api")
        for job in rows:
            if self._stop.is_set():
                break
            try:
                self.screener.step(job)
            except Overtaken:
                continue
            except (DatabaseUnavailable, QueryTimeout):
                raise  # not the job's fault: the loop tries again
            except (SurvgraphError, OSError, ValueError) as exc:
                self.screener.fail(job, exc)
        return bool(rows)
