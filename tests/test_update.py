"""`survgraph update` against a real HTTP server on 127.0.0.1 (started here) serving the CSL
sample in ../shared/data/ and a changed second edition of it, a 304 for an unchanged edition,
a 500 and a truncated body. Real httpx, real Neo4j; nothing is mocked.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from cli.main import main
from graph.db import Graph
from graph.settings import get_settings
from tests.conftest import shared_path, wipe


class Lists(BaseHTTPRequestHandler):
    """/csl.csv answers with whatever `mode` says; remembers the request headers it saw."""

    editions: ClassVar[dict[str, bytes]] = {}
    mode: ClassVar[str] = "edition1"
    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        Lists.seen.append(dict(self.headers))
        if self.mode == "500":
            self.send_error(500, "upstream broke")
            return
        body = self.editions["edition2" if self.mode == "edition2" else "edition1"]
        etag = f'"{self.mode[:8]}-{len(body)}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Mon, 01 Jun 2026 00:00:00 GMT")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if self.mode == "truncated" else body)

    def log_message(self, *args: Any) -> None:
        return


def _second_edition(first: bytes) -> bytes:
    """The sample with its last entry gone and one entry renamed: one ended, one modified."""
    rows = list(csv.reader(io.StringIO(first.decode("utf-8"))))
    rows = rows[:-1]
    rows[1][rows[0].index("name")] += " (renamed)"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    first = shared_path("data", "csl_samples", "watchman_cslustest_consolidated.csv").read_bytes()
    Lists.editions = {"edition1": first, "edition2": _second_edition(first)}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Lists)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/csl.csv"
    httpd.shutdown()


@pytest.fixture
def update(
    server: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    downloads = tmp_path_factory.getbasetemp() / "downloads"
    monkeypatch.setenv("SURVGRAPH_CSL_CSV_URL", server)
    monkeypatch.setenv("SURVGRAPH_DOWNLOADS_DIR", str(downloads))
    get_settings.cache_clear()

    def run(mode: str, url: str | None = None) -> int:
        Lists.mode = mode
        if url:
            monkeypatch.setenv("SURVGRAPH_CSL_CSV_URL", url)
            get_settings.cache_clear()
        return main(["update", "--source", "csl-csv"])

    yield run
    get_settings.cache_clear()


def _state(graph: Graph) -> tuple[Any, ...]:
    counts = graph.read_one("admin/graph_counts") or {}
    lists = graph.read("admin/list_freshness")
    return counts.get("nodes"), counts.get("relationships"), json.dumps(lists, default=str)


def test_update_fetches_loads_and_skips_what_did_not_change(
    empty_graph: Graph, update: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    wipe(empty_graph)
    assert update("edition1") == 0
    out = capsys.readouterr()
    assert "Freshness" in out.out and "13/0/0" in out.out  # 13 entries added
    assert "\r" not in out.err  # a captured progress bar is plain lines
    downloads = get_settings().downloads_dir
    meta = json.loads((downloads / "csl-csv.json").read_text())
    assert meta["etag"] and meta["sha256"] and meta["loaded_sha256"] == meta["sha256"]
    before = _state(empty_graph)

    assert update("edition1") == 0  # the server answers 304 to the kept ETag
    assert Lists.seen[-1].get("If-None-Match") == meta["etag"]
    assert "unchanged" in capsys.readouterr().out
    assert _state(empty_graph) == before

    assert update("edition2") == 0
    assert "0/1/1" in capsys.readouterr().out  # one modified, one ended
    assert _state(empty_graph) != before


@pytest.mark.parametrize("mode", ["500", "truncated", "offline"])
def test_a_failed_download_leaves_file_and_graph_as_they_were(
    empty_graph: Graph, update: Any, capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    update("edition1")
    capsys.readouterr()
    downloads = get_settings().downloads_dir
    file_before = (downloads / "consolidated.csv").read_bytes()
    before = _state(empty_graph)
    url = None
    if mode == "offline":
        with socket.socket() as sock:  # a port nobody listens on
            sock.bind(("127.0.0.1", 0))
            url = f"http://127.0.0.1:{sock.getsockname()[1]}/csl.csv"
    assert update(mode, url) == 3
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("csl-csv: not updated ("), lines
    assert (downloads / "consolidated.csv").read_bytes() == file_before
    assert not list(downloads.glob(".*.part"))
    assert _state(empty_graph) == before


def test_the_readme_table_is_the_catalogue() -> None:
    """The README's sources table is the catalogue's, row for row (`survgraph update --list`
    prints it), so a source added to the catalogue cannot be missing from the README."""
    from loaders.sources import downloads, markdown_table

    settings = get_settings()
    urls = {d.name: d.url(settings) for _, d in downloads()}
    assert urls["csl"].startswith("https://data.trade.gov/")
    assert urls["dod-1260h"].startswith("https://media.defense.gov/")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert markdown_table(settings) in readme
