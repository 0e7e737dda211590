"""`survgraph screen FILE --out RESULTS.csv`: a supplier file screened in this process.

The same job as `POST /screenings` (api/screening): stored in the graph, decided by the
/resolve question, with designations, derived exposure and coverage per row, and the same
CSV columns as `GET /screenings/{id}/results?format=csv`. It runs here, with a progress bar,
rather than in a server's worker (the API's worker leaves a CLI job alone).
"""

from __future__ import annotations

import argparse
import getpass
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from api import checks
from api.answers import Answers
from api.auth import owner_of
from api.screening import intake, jobs, output
from api.screening.worker import LEASE_S, Screener
from graph.db import Graph
from graph.errors import BadRequest
from loaders.plumbing.progress import Meter

PAGE = 1000
SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "screen", help="screen a file of supplier names (CSV with a name column, or JSONL)"
    )
    parser.add_argument(
        "file", type=Path, nargs="?", metavar="FILE", help="CSV or JSON lines (not with --resume)"
    )
    parser.add_argument(
        "--resume",
        metavar="JOB",
        help="finish a job an earlier `survgraph screen` left unfinished (killed, or stopped): "
        "from its last committed chunk, once that run's lease has lapsed",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="RESULTS.csv")
    parser.add_argument("--as-of", metavar="DAY", help="the day screened (default today)")
    parser.add_argument(
        "--known-at",
        metavar="DAY",
        help="record time: screen against what survgraph had recorded by the end of DAY",
    )
    parser.add_argument(
        "--lists", metavar="IDS", help="comma-separated list ids (default: every list)"
    )
    parser.add_argument(
        "--format", choices=["csv", "jsonl"], help="the file's format (default: its suffix)"
    )
    parser.set_defaults(handler=_screen)


def _screen(args: argparse.Namespace) -> int:
    if (args.file is None) == (args.resume is None):
        raise BadRequest("survgraph screen: give FILE, or --resume JOB, not both")
    with Graph() as graph:
        answers = Answers(graph, graph.settings)
        job_id = _resumed(graph, args.resume) if args.resume else _create(answers, args, _fmt(args))
        job = jobs.job_of(graph, job_id, _owner())
        print(f"survgraph screen: job {job_id} (if stopped: --resume {job_id})", file=sys.stderr)
        with Meter(int(job["rows_total"]) or None, "screening") as meter:
            if job["status"] != "done":
                meter(int(job["rows_done"]))
                Screener(answers).run_job(job_id, meter)
        job = jobs.job_of(graph, job_id, _owner())
        if job["status"] != "done":
            print(f"survgraph screen: job {job_id} {job['status']}: {job.get('error')}")
            return 1
        _write(graph, job, args.out)
    print(_summary(job, args.out), file=sys.stderr)
    return 0


def _fmt(args: argparse.Namespace) -> str:
    fmt: str | None = args.format or SUFFIXES.get(args.file.suffix.lower())
    if fmt is None:
        raise BadRequest(f"{args.file}: say --format csv|jsonl (the suffix does not tell)")
    return fmt


def _resumed(graph: Graph, job_id: str) -> str:
    """A job of this user's `survgraph screen` runs (another's, or the API's: not found). Its
    rows stay where the last committed chunk left them; the worker's lease (LEASE_S) keeps a
    run still alive from being joined, so a resume waits for a killed run's lease to lapse."""
    job = jobs.job_of(graph, job_id, _owner())
    if job.get("runner") != "cli":
        raise BadRequest(f"job {job_id} is screened by the API's worker: the server resumes it")
    if job["status"] == "failed":
        raise BadRequest(f"job {job_id} failed: {job.get('error')}")
    _wait_for_lease(job)
    return job_id


def _wait_for_lease(job: dict[str, object]) -> None:
    until = job.get("lease_until")
    if not until or job["status"] == "done":
        return
    left = (datetime.fromisoformat(str(until)) - datetime.now(UTC)).total_seconds()
    if left > LEASE_S:
        raise BadRequest(f"job {job['id']} is leased until {until}: is it still running?")
    if left > 0:
        print(f"survgraph screen: waiting {left:.0f} s for the last run's lease", file=sys.stderr)
        time.sleep(left + 0.1)


def _owner() -> str:
    return owner_of(f"cli:{getpass.getuser()}")


def _create(answers: Answers, args: argparse.Namespace, fmt: str) -> str:
    settings = answers.settings
    day = checks.as_of(args.as_of)
    checks.known_before(args.known_at)
    lists = answers.run(checks.known_lists("lists", args.lists))
    job_id = jobs.new_id()
    spool = jobs.spool_path(settings, job_id, fmt)
    spool.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(args.file, spool)
    try:
        intake.check(spool, fmt)
        with spool.open("rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        size = spool.stat().st_size
        jobs.create(
            answers.graph,
            settings,
            job_id=job_id,
            owner=_owner(),
            fmt=fmt,
            as_of=day,
            lists=lists,
            size=size,
            lines=lines + 1,
            runner="cli",
            known_at=args.known_at,
        )
    except BaseException:
        spool.unlink(missing_ok=True)
        raise
    return job_id


def _write(graph: Graph, job: dict[str, object], out: Path) -> None:
    settings = graph.settings
    with out.open("w", encoding="utf-8", newline="") as fh:
        at = 0
        while True:
            rows = jobs.page(graph, settings, job, PAGE, at)
            fh.write(output.csv_text(rows, header=at == 0))
            if len(rows) < PAGE:
                return
            at += PAGE


def _summary(job: dict[str, object], out: Path) -> str:
    return (
        f"screened {job['rows_done']} rows ({job['rows_matched']} matched, "
        f"{job['rows_malformed']} malformed) as of {job['as_of']}: {out} (job {job['id']})"
    )
