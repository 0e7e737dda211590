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
from pathlib import Path

from api import checks
from api.answers import Answers
from api.auth import owner_of
from api.screening import intake, jobs, output
from api.screening.worker import Screener
from graph.db import Graph
from graph.errors import BadRequest
from loaders.plumbing.progress import Meter

PAGE = 1000
SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "screen", help="screen a file of supplier names (CSV with a name column, or JSONL)"
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="CSV or JSON lines")
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
    fmt = args.format or SUFFIXES.get(args.file.suffix.lower())
    if fmt is None:
        raise BadRequest(f"{args.file}: say --format csv|jsonl (the suffix does not tell)")
    with Graph() as graph:
        answers = Answers(graph, graph.settings)
        job_id = _create(answers, args, fmt)
        job = jobs.job_of(graph, job_id, _owner())
        with Meter(int(job["rows_total"]) or None, "screening") as meter:
            Screener(answers).run_job(job_id, meter)
        job = jobs.job_of(graph, job_id, _owner())
        if job["status"] != "done":
            print(f"survgraph screen: job {job_id} {job['status']}: {job.get('error')}")
            return 1
        _write(graph, job, args.out)
    print(_summary(job, args.out), file=sys.stderr)
    return 0


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
