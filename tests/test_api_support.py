"""Shared helpers for the API tests (no tests here): a client on freshly loaded curated data,
the expectations computed from data/*.yaml, and a loopback TCP proxy to simulate an outage."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.model import WALKED_TYPES
from graph.settings import Settings
from loaders.curated import DATA_DIR, fact_id, load_curated

PROBLEM = "application/problem+json"
# The five Haishi subsidiaries added to the Entity List by 88 FR 18985 (30 March 2023), by their
# curated ids, and that list.
HAISHI = [
    "company:luopu-haishi-dingxin",
    "company:moyu-haishi",
    "company:pishan-haishi-yongan",
    "company:urumqi-haishi-xinan",
    "company:yutian-haishi-meitian",
]
BIS = "list:us-bis-entity-list"


def fresh_curated(graph: Graph) -> None:
    """Wipe, then load the curated data: every API test module starts from this state."""
    graph.run_script("admin/wipe")
    report = load_curated(graph)
    assert not report.rejected, report.rejected


def csv_differences(got: list[str], want: list[str]) -> str:
    """Which CSV lines differ and, for the first, the columns that differ with both values:
    a flaky comparison must say what differed, not just where."""
    differ = [i for i, (a, b) in enumerate(zip(got, want, strict=True)) if a != b]
    if not differ:
        return ""
    header = next(csv.reader([got[0]]))
    first = differ[0]
    got_cells, want_cells = next(csv.reader([got[first]])), next(csv.reader([want[first]]))
    cells = zip(header, got_cells, want_cells, strict=False)
    named = [f"{h}: {a[:600]!r} != {b[:600]!r}" for h, a, b in cells if a != b]
    return f"{len(differ)} lines differ, first {first} ({differ[:10]}); " + "; ".join(named)


def screen_one(
    client: TestClient, auth: dict[str, str], content: str, **params: str
) -> dict[str, Any]:
    """A small CSV screened through POST /screenings, waited for (60 s at most): the first
    result row."""
    headers = {**auth, "Content-Type": "text/csv"}
    job = client.post("/screenings", params=params, content=content, headers=headers)
    assert job.status_code == 202, job.text
    deadline = time.monotonic() + 60
    while client.get(job.headers["location"], headers=auth).json()["status"] != "done":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    rows = client.get(job.headers["location"] + "/results", headers=auth).text.splitlines()
    return dict(json.loads(rows[0]))


def client_for(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


# -- expectations from the YAML -----------------------------------------------------------------


def yaml_relations(data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(data_dir.glob("relations*.yaml")):
        rows.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return rows


def _day(value: Any) -> str | None:
    return None if value is None else str(value)


def yaml_fact_id(rel: dict[str, Any]) -> str:
    return fact_id(rel["type"], rel["from"], rel["to"], str(rel.get("key") or ""))


def expected_listed_subsidiaries(
    root: str, max_depth: int, on: str | None = None
) -> dict[str, set[str]]:
    """Descendant id -> fact ids of its designations in force on `on`, as data/ states them."""
    on = on or dt.date.today().isoformat()
    rels = yaml_relations()
    children: dict[str, list[str]] = {}
    for r in rels:
        if r["type"] in WALKED_TYPES:
            until = _day(r.get("until"))
            if until is None or until > on:
                children.setdefault(r["to"], []).append(r["from"])
    seen: dict[str, int] = {}
    frontier = [root]
    for level in range(1, max_depth + 1):
        nxt: list[str] = []
        for parent in frontier:
            for child in children.get(parent, []):
                if child != root and child not in seen:
                    seen[child] = level
                    nxt.append(child)
        frontier = nxt
    out: dict[str, set[str]] = {}
    for r in rels:
        if r["type"] != "LISTED_ON" or r["from"] not in seen:
            continue
        since, until = _day(r.get("since")) or "", _day(r.get("until"))
        if since <= on and (until is None or until > on):
            out.setdefault(r["from"], set()).add(yaml_fact_id(r))
    return out


# -- an outage without stopping the shared server -----------------------------------------------


class TcpProxy:
    """Loopback-only TCP relay to an upstream port; `close()` drops every connection and stops
    listening (the database 'goes away'), `open()` listens again on the same port."""

    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1") -> None:
        self.upstream = (upstream_host, upstream_port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = int(probe.getsockname()[1])
        probe.close()
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()

    def open(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            # shutdown wakes the thread blocked in accept(); close alone does not on Linux
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
