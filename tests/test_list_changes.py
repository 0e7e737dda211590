"""Time and changes: reloads add, modify and end list entries; nothing is deleted."""

from __future__ import annotations

import csv
import functools
import http.server
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from graph.db import Graph
from graph.settings import get_settings
from loaders.curated import load_curated
from loaders.download import fetch
from loaders.pipeline import load
from loaders.sources import CSL
from tests.conftest import shared_path, wipe

SAMPLE = ("data", "csl_samples", "watchman_cslustest_consolidated.csv")
DAY1 = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
DAY2 = datetime(2026, 7, 8, 12, 0, tzinfo=UTC)
DAY3 = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    header, rows = read_rows(shared_path(*SAMPLE))
    tmp = tmp_path_factory.mktemp("csl")
    # a list with several rows: a list absent from a file is never compared
    sdn_idx = next(i for i, r in enumerate(rows) if "(SSI)" in r["source"])
    el_idx = next(i for i, r in enumerate(rows) if "(EL)" in r["source"])
    gone = rows[sdn_idx]
    v2 = [dict(r) for i, r in enumerate(rows) if i != sdn_idx]
    modified = next(r for r in v2 if "(DPL)" in r["source"])
    modified["federal_register_notice"] = "99 FR 12345, 07/08/26"
    only_el = [dict(rows[el_idx])]
    return {
        "v1": write_rows(tmp / "v1.csv", header, rows),
        "v2": write_rows(tmp / "v2.csv", header, v2),
        "only_el": write_rows(tmp / "only_el.csv", header, only_el),
        "gone": gone,
        "modified": modified,
        "n": len(rows),
        "header": header,
        "rows": rows,
        "tmp": tmp,
    }


@pytest.fixture(scope="module")
def loaded(graph: Graph, versions: dict[str, Any]) -> Iterator[Graph]:
    wipe(graph)
    load_curated(graph)
    yield graph


def entry_of(graph: Graph, name: str) -> dict[str, Any]:
    rows = q(graph, "MATCH (e:ListEntry {name: $name}) RETURN e", name=name)
    assert len(rows) == 1, rows
    return dict(rows[0]["e"])


def test_delisting_and_modification(loaded: Graph, versions: dict[str, Any]) -> None:
    graph = loaded
    r1 = load(graph, CSL, versions["v1"], started=DAY1)
    assert r1.extra["changes"] == {"added": versions["n"], "modified": 0, "ended": 0}
    r2 = load(graph, CSL, versions["v2"], started=DAY2)
    assert r2.extra["changes"] == {"added": 0, "modified": 1, "ended": 1}

    gone = entry_of(graph, versions["gone"]["name"].strip())
    assert gone["ended_by_run"] == r2.extra["run_id"]
    assert gone["end_reason"] == "absent from reload"
    edges = q(
        graph,
        "MATCH (:Entity)-[r:LISTED_ON]->() WHERE r.entry_id = $id RETURN properties(r) AS r",
        id=gone["id"],
    )
    assert len(edges) == 1  # ended, not deleted
    edge = edges[0]["r"]
    assert edge["until"] == "2026-07-08" and edge["until_precision"] == "before"
    assert edge["ended_by_run"] == r2.extra["run_id"]

    mod = entry_of(graph, versions["modified"]["name"].strip())
    assert mod["federal_register_notice"] == "99 FR 12345, 07/08/26"
    assert mod["previous_row_hash"] and mod["previous_row_hash"] != mod["row_hash"]
    cited = q(
        graph,
        "MATCH (:Entity)-[r:LISTED_ON]->() WHERE r.entry_id = $id RETURN r.citation AS c",
        id=mod["id"],
    )
    assert cited == [{"c": "99 FR 12345, 07/08/26"}]

    since = graph.read(
        "api/changes", since="2026-07-05", until=None, list_id=None, kinds=None,
        limit=100, skip=0,
    )  # fmt: skip
    assert sorted((c["kind"], c["name"]) for c in since) == sorted(
        [
            ("ended", versions["gone"]["name"].strip()),
            ("modified", versions["modified"]["name"].strip()),
        ]
    )
    everything = graph.read(
        "api/changes", since="2026-01-01", until=None, list_id=None, kinds=["added"],
        limit=1000, skip=0,
    )  # fmt: skip
    assert len(everything) == versions["n"]
    runs = q(graph, "MATCH (r:LoadRun {id: $id}) RETURN r", id=r2.extra["run_id"])[0]["r"]
    assert (runs["added"], runs["modified"], runs["ended"]) == (0, 1, 1)

    # Loading the same version again: no changes.
    r3 = load(graph, CSL, versions["v2"], started=DAY3)
    assert r3.extra["changes"] == {"added": 0, "modified": 0, "ended": 0}


def test_file_with_one_list_ends_nothing_elsewhere(loaded: Graph, versions: dict[str, Any]) -> None:
    graph = loaded
    before = q(graph, "MATCH (e:ListEntry) WHERE e.ended_by_run IS NOT NULL RETURN count(e) AS n")
    report = load(graph, CSL, versions["only_el"], started=DAY3)
    assert report.extra["changes"]["ended"] == 0  # the sample's only EL row is still there
    after = q(graph, "MATCH (e:ListEntry) WHERE e.ended_by_run IS NOT NULL RETURN count(e) AS n")
    assert after == before


def _json_from_csv(rows: list[dict[str, str]]) -> dict[str, Any]:
    def multi(v: str) -> list[str]:
        return [p.strip() for p in v.split(";") if p.strip()]

    results = []
    for r in rows:
        item: dict[str, Any] = dict(r)
        item["programs"] = multi(r["programs"])
        item["alt_names"] = multi(r["alt_names"])
        item["addresses"] = [{"address": a} for a in multi(r["addresses"])]
        results.append(item)
    return {"total": len(results), "results": results, "sources_used": []}


def _snapshot(graph: Graph) -> list[tuple[Any, ...]]:
    rows = q(
        graph,
        "MATCH (e:ListEntry)-[:ON_LIST]->(l:List) "
        "OPTIONAL MATCH (e)-[:RESOLVED_TO]->(a:Entity)-[r:LISTED_ON]->(l) "
        "WHERE r.entry_id = e.id "
        "RETURN e.id AS id, e.row_hash AS h, e.addresses AS addr, a.id AS entity, "
        "r.fact_id AS fact, r.since AS since ORDER BY id",
    )
    return [tuple(r.values()) for r in rows]


def test_json_loads_like_csv(graph: Graph, versions: dict[str, Any]) -> None:
    wipe(graph)
    load_curated(graph)
    load(graph, CSL, versions["v1"], started=DAY1)
    from_csv = _snapshot(graph)
    path = versions["tmp"] / "v1.json"
    path.write_text(json.dumps(_json_from_csv(versions["rows"])), encoding="utf-8")
    wipe(graph)
    load_curated(graph)
    report = load(graph, CSL, path, started=DAY1)
    assert report.rejected == []
    assert _snapshot(graph) == from_csv and len(from_csv) == versions["n"]


def test_malformed_row_is_kept_aside(graph: Graph, versions: dict[str, Any]) -> None:
    wipe(graph)
    rows = [dict(r) for r in versions["rows"]]
    rows[2]["name"] = ""
    rows[3]["start_date"] = "not a date"
    path = write_rows(versions["tmp"] / "bad.csv", versions["header"], rows)
    report = load(graph, CSL, path, started=DAY1)
    assert sorted(r.reason for r in report.rejected) == [
        "no name",
        "start_date: 'not a date' is not a date",
    ]
    assert report.extra["entries"] == versions["n"] - 2
    saved = report.save(versions["tmp"] / "out")
    assert saved.exists()
    kept = Path(report.extra["rejected_file"]).read_text().splitlines()
    assert len(kept) == 2 and json.loads(kept[0])["row"]


def _download(url: str, folder: Path) -> Path:
    """A CSL file fetched from `url` by the one downloader (as `load csl --url` does)."""
    import httpx

    settings = get_settings().model_copy(update={"downloads_dir": folder})
    with httpx.Client() as client:
        fetched = fetch(CSL, CSL.downloads[1], settings, client, url=url)
    if fetched.status == "failed":
        raise RuntimeError(fetched.error)
    return fetched.path


def test_download_from_url(graph: Graph, versions: dict[str, Any]) -> None:
    directory = str(versions["tmp"])
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/v1.csv"
        path = _download(url, versions["tmp"] / "downloads")
        assert path.read_bytes() == versions["v1"].read_bytes()
        wipe(graph)
        report = load(graph, CSL, path, url=url, started=DAY1)
        assert report.source == url and report.extra["entries"] == versions["n"]
        src = q(graph, "MATCH (s:Source {id: $id}) RETURN s.url AS url",
                id=report.extra["snapshot_source_id"])  # fmt: skip
        assert src == [{"url": url}]
        with pytest.raises(RuntimeError, match="HTTP 404"):
            _download(url.replace("v1.csv", "missing.csv"), versions["tmp"] / "downloads")
    finally:
        server.shutdown()
        server.server_close()
