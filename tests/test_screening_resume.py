"""A server killed mid-job resumes it on restart: no row lost or screened twice, and the
results equal those of an uninterrupted run. The API runs as a real uvicorn process, killed
with SIGKILL (no shutdown of any kind), then started again over the same graph and spool."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_api_support import csv_differences, fresh_curated

from graph.db import Graph
from loaders.pipeline import load
from loaders.sources import CSL
from tests.conftest import ROOT, shared_path

KEY = "resume-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
CSL_SAMPLE = ("data", "csl_samples", "watchman_test_testdata_csl.csv")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`uvicorn api.app:create_app` in its own process, on the test's settings."""

    def __init__(self, spool: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "SURVGRAPH_API_KEYS": KEY,
            "SURVGRAPH_SCREENING_DIR": str(spool),
            "SURVGRAPH_SCREENING_CHUNK": "25",
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            *(sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"),
            *("--port", str(self.port), "--log-level", "warning"),
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/health", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.3)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    fresh_curated(graph)
    load(graph, CSL, shared_path(*CSL_SAMPLE), progress=False)
    running = Server(tmp_path_factory.mktemp("spool"))
    try:
        yield running
    finally:
        running.stop()


def supplier_file(graph: Graph, rows: int) -> str:
    """Real names from the lists, their variants and decoys, over and over."""
    records = graph.driver.execute_query(
        "MATCH (e:Company) RETURN e.name AS name ORDER BY e.id", database_=graph.database
    ).records
    names = [str(r["name"]) for r in records]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row_id", "name"])
    for i in range(rows):
        name = names[i % len(names)]
        variant = [name, name.upper(), f"{name} Trading", f"Decoy Supplier {i}"][(i // 7) % 4]
        writer.writerow([f"S-{i}", variant])
    return out.getvalue()


def status(url: str, job_id: str) -> dict[str, Any]:
    r = httpx.get(f"{url}/screenings/{job_id}", headers=AUTH, timeout=30)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def submit(url: str, body: str) -> str:
    headers = {**AUTH, "Content-Type": "text/csv"}
    r = httpx.post(
        f"{url}/screenings", content=body, headers=headers, params={"as_of": "2025-10-15"}
    )
    assert r.status_code == 202, r.text
    job_id: str = r.json()["id"]
    return job_id


def wait(url: str, job_id: str, done: int | None = None, timeout: float = 300) -> dict[str, Any]:
    """Until the job is finished (or has `done` rows, still running)."""
    deadline = time.monotonic() + timeout
    while True:
        body = status(url, job_id)
        if body["status"] in ("done", "failed") or (done and body["rows_done"] >= done):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.05)


def rows_of(url: str, job_id: str) -> list[str]:
    r = httpx.get(f"{url}/screenings/{job_id}/results", headers=AUTH, timeout=120)
    assert r.status_code == 200
    return r.text.splitlines()


def test_a_killed_server_resumes_its_job(graph: Graph, server: Server) -> None:
    rows = 1500
    body = supplier_file(graph, rows)
    server.start()
    killed = submit(server.url, body)
    midway = wait(server.url, killed, done=200)
    assert midway["status"] == "running" and midway["rows_done"] < rows, midway
    server.kill()

    server.start()  # the restarted worker takes the job up where the last chunk committed
    resumed = wait(server.url, killed)
    assert resumed["status"] == "done", resumed
    assert resumed["rows_done"] == resumed["rows_total"] == rows
    straight = submit(server.url, body)
    assert wait(server.url, straight)["status"] == "done"

    after_crash, uninterrupted = rows_of(server.url, killed), rows_of(server.url, straight)
    assert len(after_crash) == rows
    assert after_crash == uninterrupted, csv_differences(after_crash, uninterrupted)


def test_two_jobs_advance_side_by_side_and_the_api_answers(graph: Graph, server: Server) -> None:
    body = supplier_file(graph, 1000)
    if server.process is None or server.process.poll() is not None:
        server.start()
    first, second = submit(server.url, body), submit(server.url, body)
    both_running, slowest = False, 0.0
    deadline = time.monotonic() + 300
    while True:
        a, b = status(server.url, first), status(server.url, second)
        if a["status"] == b["status"] == "done":
            break
        both_running |= 0 < a["rows_done"] < 1000 and 0 < b["rows_done"] < 1000
        start = time.perf_counter()
        assert httpx.get(f"{server.url}/lists", timeout=30).status_code == 200
        slowest = max(slowest, time.perf_counter() - start)
        assert time.monotonic() < deadline, (a, b)
        time.sleep(0.05)
    assert both_running  # a chunk of each in turn, not one job after the other
    assert slowest < 2.0, slowest  # reads are answered while the worker screens
    one, other = rows_of(server.url, first), rows_of(server.url, second)
    assert one == other, csv_differences(one, other)
