"""Schemathesis against the live API: every operation of the OpenAPI, all checks, zero failures.

The app runs under a real uvicorn server on a free loopback port over the real Neo4j with the
curated data loaded, and the schemathesis CLI tests it with a fixed seed and a bounded number
of examples per operation, so a run is reproducible and stays well inside CI time. A failure
prints schemathesis's own report (the failing request, the check, a curl to reproduce).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from graph.db import Graph
from tests.test_api_support import fresh_curated

SEED = 1
MAX_EXAMPLES = 30  # per operation and phase; about 30 s for the 14 operations on 2 cores
TIMEOUT_S = 300
KEY = "schemathesis-key"  # writes (screening jobs) are tested with a key, as a client sends
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def base_url(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A uvicorn server on its own bound socket (no port race), stopped after the module."""
    fresh_curated(graph)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    settings = graph.settings.model_copy(
        update={"api_keys": KEY, "screening_dir": tmp_path_factory.mktemp("spool")}
    )
    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.1)
    assert httpx.get(f"{url}/health", timeout=10).status_code == 200
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def test_schemathesis_finds_no_failure(base_url: str, tmp_path: Path) -> None:
    command = [
        *(sys.executable, "-m", "schemathesis.cli"),
        *("--config-file", str(ROOT / "tests" / "schemathesis.toml")),
        *("run", f"{base_url}/openapi.json"),
        *("--checks", "all", "--seed", str(SEED), "--max-examples", str(MAX_EXAMPLES)),
        *("--workers", "1", "--generation-database", "none", "--no-color"),
        *("--request-timeout", "30", "-H", f"Authorization: Bearer {KEY}"),
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.schemathesis_hooks", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        command,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
        env=env,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, _failures(report)
    assert "No issues found" in report, report[-3000:]


def _failures(report: str) -> str:
    """The FAILURES and SUMMARY sections (the whole report when they are missing)."""
    start = report.find("FAILURES")
    return report[report.rfind("\n", 0, start) + 1 :] if start >= 0 else report[-6000:]
