"""A `survgraph screen` run killed mid-job leaves its job "running" (the API's worker leaves
CLI jobs alone); `survgraph screen --resume JOB` finishes it once the killed run's lease has
lapsed, from the last committed chunk, and its results equal an uninterrupted run's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_api_support import csv_differences, fresh_curated
from test_screening_resume import CSL_SAMPLE, supplier_file

from graph.db import Graph
from loaders.pipeline import load
from loaders.sources import CSL
from tests.conftest import ROOT, shared_path

ROWS = 1500


def screen(spool: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "SURVGRAPH_SCREENING_DIR": str(spool), "SURVGRAPH_SCREENING_CHUNK": "25"}
    command = [sys.executable, "-m", "cli.main", "screen", *args]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def cli_jobs(graph: Graph) -> list[dict[str, object]]:
    rows = graph.driver.execute_query(
        "MATCH (j:ScreeningJob {runner: 'cli'}) RETURN j {.id, .status, .rows_done} AS j "
        "ORDER BY j.created_at",
        database_=graph.database,
    ).records
    return [dict(r["j"]) for r in rows]


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Graph:
    fresh_curated(graph)
    load(graph, CSL, shared_path(*CSL_SAMPLE), progress=False)
    return graph


def test_a_killed_cli_job_resumes(loaded: Graph, tmp_path: Path) -> None:
    graph, spool = loaded, tmp_path / "spool"
    source = tmp_path / "suppliers.csv"
    source.write_text(supplier_file(graph, ROWS), encoding="utf-8")
    day = ("--as-of", "2025-10-15")
    killed = screen(spool, str(source), "--out", str(tmp_path / "killed.csv"), *day)
    deadline = time.monotonic() + 300
    while not any(int(str(j["rows_done"])) >= 200 for j in cli_jobs(graph)):
        assert killed.poll() is None, killed.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=60)
    (job,) = cli_jobs(graph)
    assert job["status"] == "running" and int(str(job["rows_done"])) < ROWS

    resumed = tmp_path / "resumed.csv"
    run = screen(spool, "--resume", str(job["id"]), "--out", str(resumed))
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err[-2000:]
    assert "waiting" in err  # the killed run's lease (15 s) had not lapsed yet
    (job,) = cli_jobs(graph)
    assert job["status"] == "done" and job["rows_done"] == ROWS

    straight = tmp_path / "straight.csv"
    run = screen(spool, str(source), "--out", str(straight), *day)
    assert run.communicate(timeout=600) and run.returncode == 0
    got = resumed.read_text(encoding="utf-8").splitlines()
    want = straight.read_text(encoding="utf-8").splitlines()
    assert len(got) == ROWS + 1 and len(want) == ROWS + 1
    assert got == want, csv_differences(got, want)


def test_resume_refuses_what_it_cannot_finish(loaded: Graph, tmp_path: Path) -> None:
    run = screen(tmp_path, "--resume", "job-nope", "--out", str(tmp_path / "x.csv"))
    _, err = run.communicate(timeout=120)
    assert run.returncode != 0 and "job-nope" in err
    run = screen(tmp_path, "--out", str(tmp_path / "x.csv"))
    _, err = run.communicate(timeout=120)
    assert run.returncode != 0 and "--resume" in err
