"""A load killed at any moment, then rerun, leaves exactly what a clean load leaves.

Each case runs the real `survgraph load ...` command as a child process against the real
server, kills it with SIGKILL at a point read off the graph itself (how many nodes are
written, or a write transaction being open), reruns the same command, and compares the whole
graph with the one a clean load gave: every node by labels and id, every relationship by type,
ends and key. The ids of LoadRun and Change nodes carry the run's start time, so those two are
compared by count. Stopping Neo4j in the middle of a load must end the loader with one clear
line, and the rerun after a restart must complete the load.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph import server
from graph.db import Graph
from loaders.sources import ListRecord
from loaders.sources.csl import iter_csl
from tests.conftest import ROOT, shared_path, wipe
from tests.test_ftm_fixtures import entity

RUN_LABELS = {"LoadRun", "Change"}
Shape = tuple[Counter[tuple[object, ...]], Counter[tuple[object, ...]]]


def csl_file() -> Path:
    return shared_path("data", "csl", "consolidated-assembled-2026-07.csv")


def shape(graph: Graph) -> Shape:
    nodes: Counter[tuple[object, ...]] = Counter()
    per_run: set[str] = set()
    for row in graph.read("admin/graph_nodes", timeout=300.0):
        labels = tuple(sorted(row["labels"]))
        if RUN_LABELS & set(labels):
            per_run.add(row["id"])
            nodes[(labels, "(per run)")] += 1
        else:
            nodes[(labels, row["id"])] += 1
    rels: Counter[tuple[object, ...]] = Counter()
    for row in graph.read("admin/graph_relationships", timeout=300.0):
        if row["start"] in per_run or row["end"] in per_run:
            rels[(row["type"], "(per run)")] += 1
        else:
            rels[(row["type"], row["start"], row["end"], row["key"])] += 1
    return nodes, rels


def differences(got: Shape, want: Shape) -> str:
    """Missing and extra items, summed by label set or relationship type."""
    lines = []
    for kind, g, w in (("nodes", got[0], want[0]), ("relationships", got[1], want[1])):
        missing = Counter({k[0]: 0 for k in w - g})
        extra = Counter({k[0]: 0 for k in g - w})
        for k, n in (w - g).items():
            missing[k[0]] += n
        for k, n in (g - w).items():
            extra[k[0]] += n
        if missing or extra:
            lines.append(f"{kind}: missing {dict(missing)}, extra {dict(extra)}")
    return "; ".join(lines)


def node_count(graph: Graph) -> int:
    row = graph.read_one("admin/graph_counts") or {"nodes": 0}
    return int(row["nodes"])


def start(*args: str, out_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "SURVGRAPH_OUT_DIR": str(out_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args: str, out_dir: Path) -> None:
    proc = start(*args, out_dir=out_dir)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, f"survgraph {' '.join(args)} failed: {err[-2000:]}"


def kill_when(proc: subprocess.Popen[str], reached: Callable[[], bool]) -> None:
    """SIGKILL the load once `reached()` holds; fails if the load ended before that."""
    deadline = time.monotonic() + 600
    while not reached():
        assert proc.poll() is None, "the load finished before the kill point"
        assert time.monotonic() < deadline, "the kill point was never reached"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the load was not killed part-way"


def written_at_least(graph: Graph, base: int, count: int) -> Callable[[], bool]:
    return lambda: node_count(graph) >= base + count


# -- CSL ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def csl_clean(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> tuple[Shape, int, int]:
    """The clean load's shape, the node count after curated, and the nodes the CSL adds."""
    out = tmp_path_factory.mktemp("clean")
    wipe(graph)
    run("load", "curated", out_dir=out)
    base = node_count(graph)
    run("load", "csl", str(csl_file()), out_dir=out)
    return shape(graph), base, node_count(graph) - base


@pytest.mark.parametrize("fraction", [0.0, 0.15, 0.5, 0.85])
def test_csl_killed_then_rerun_equals_a_clean_load(
    graph: Graph, csl_clean: tuple[Shape, int, int], tmp_path: Path, fraction: float
) -> None:
    clean, base, added = csl_clean
    wipe(graph)
    run("load", "curated", out_dir=tmp_path)
    assert node_count(graph) == base
    proc = start("load", "csl", str(csl_file()), "--batch-size", "500", out_dir=tmp_path)
    if fraction == 0.0:
        kill_when(proc, lambda: True)  # before any write
    else:
        kill_when(proc, written_at_least(graph, base, int(added * fraction)))
    partial = node_count(graph)
    assert partial < base + added, "the killed load had already written everything"
    run("load", "csl", str(csl_file()), out_dir=tmp_path)
    assert (diff := differences(shape(graph), clean)) == "", diff


# -- the other list sources: the same pipeline, so the same guarantee ----------------------

# (the load command, its input, the batch size that makes many transactions of it)
LIST_SOURCES = {
    "ofac": ("ofac", ("data", "snapshots", "ofac-sdn-2021-07"), "500"),
    "dod-1260h": (
        "1260h",
        (
            "..",
            "shared",
            "data",
            "opensanctions_us_lists",
            "dod_1260h_chinese_military_companies.csv",
        ),
        "10",
    ),
}
_CLEAN: dict[str, tuple[Shape, int, int]] = {}


def list_input(name: str) -> str:
    path = ROOT.joinpath(*LIST_SOURCES[name][1])
    if not path.exists():
        pytest.skip(f"test data not found at {path}")
    return str(path)


def list_clean(graph: Graph, name: str, out: Path) -> tuple[Shape, int, int]:
    """The clean load of one source on the curated data: its shape, the node count before it,
    and the nodes it adds (computed once per source)."""
    if name not in _CLEAN:
        wipe(graph)
        run("load", "curated", out_dir=out)
        base = node_count(graph)
        run("load", LIST_SOURCES[name][0], list_input(name), out_dir=out)
        _CLEAN[name] = (shape(graph), base, node_count(graph) - base)
    return _CLEAN[name]


def claims_written(graph: Graph, origin: str) -> Callable[[], bool]:
    """Once the load has begun writing the relationships its entries state (its last step)."""

    def reached() -> bool:
        with graph.driver.session(database=graph.database) as session:
            found = session.run(
                "MATCH ()-[r]->() WHERE r.claim_kind IS NOT NULL AND r.origin = $origin "
                "RETURN count(r) > 0 AS found",
                origin=origin,
            ).single()
        return bool(found and found["found"])

    return reached


@pytest.mark.parametrize(
    ("name", "point"), [("ofac", "entries"), ("dod-1260h", "entries"), ("dod-1260h", "claims")]
)
def test_list_source_killed_then_rerun_equals_a_clean_load(
    graph: Graph, tmp_path: Path, name: str, point: str
) -> None:
    """Killed half-way through its entries, or once it writes the claims they state."""
    clean, base, added = list_clean(graph, name, tmp_path)
    command, _, batch = LIST_SOURCES[name]
    wipe(graph)
    run("load", "curated", out_dir=tmp_path)
    proc = start("load", command, list_input(name), "--batch-size", batch, out_dir=tmp_path)
    if point == "claims":
        kill_when(proc, claims_written(graph, name))
    else:
        kill_when(proc, written_at_least(graph, base, added // 2))
        assert node_count(graph) < base + added, "the killed load had already written all"
    run("load", command, list_input(name), out_dir=tmp_path)
    assert (diff := differences(shape(graph), clean)) == "", diff


def test_neo4j_stopped_mid_load_is_one_line_and_the_rerun_completes(
    graph: Graph, csl_clean: tuple[Shape, int, int], tmp_path: Path
) -> None:
    settings = graph.settings
    if not settings.local_server:
        pytest.skip("NEO4J_URI points at an external server: survgraph cannot stop it")
    clean, base, added = csl_clean
    wipe(graph)
    run("load", "curated", out_dir=tmp_path)
    proc = start("load", "csl", str(csl_file()), "--batch-size", "500", out_dir=tmp_path)
    reached = written_at_least(graph, base, int(added * 0.4))
    try:
        while not reached():
            assert proc.poll() is None, "the load finished before Neo4j was stopped"
            time.sleep(0.02)
        server.stop(settings)
        _, err = proc.communicate(timeout=300)
    finally:
        server.start(settings)
    lines = err.strip().splitlines()
    assert proc.returncode == 1, err[-3000:]
    assert len(lines) == 1 and lines[0].startswith("survgraph: "), err[-3000:]
    assert "Neo4j" in lines[0]
    run("load", "csl", str(csl_file()), out_dir=tmp_path)
    assert (diff := differences(shape(graph), clean)) == "", diff


# -- FtM ----------------------------------------------------------------------------------


def ftm_lines(records: Iterator[ListRecord], limit: int) -> Iterator[str]:
    """Real list entries as FtM: each organisation, and its Sanction."""
    taken = 0
    for rec in records:
        if rec.is_person or taken >= limit:
            continue
        taken += 1
        key = f"csl-{rec.row}"
        yield json.dumps(entity("Company", key, name=rec.name, alias=list(rec.alt_names)))
        sanction = {"entity": key, "program": rec.list_label, "authority": rec.list_label}
        if rec.start_date:
            sanction["listingDate"] = rec.start_date
        yield json.dumps(entity("Sanction", f"{key}-sanction", **sanction))


@pytest.fixture(scope="module")
def ftm_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ftm") / "csl-entries.ftm.json"
    records = (r for r in iter_csl(csl_file()) if isinstance(r, ListRecord))
    path.write_text("\n".join(ftm_lines(records, 6000)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ftm_clean(graph: Graph, ftm_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Shape:
    out = tmp_path_factory.mktemp("ftm-clean")
    wipe(graph)
    run("load", "curated", out_dir=out)
    run("load", "ftm", str(ftm_file), out_dir=out)
    return shape(graph)


@pytest.mark.parametrize("written", [1, 3000])
def test_ftm_killed_then_rerun_equals_a_clean_load(
    graph: Graph, ftm_file: Path, ftm_clean: Shape, tmp_path: Path, written: int
) -> None:
    wipe(graph)
    run("load", "curated", out_dir=tmp_path)
    base = node_count(graph)
    proc = start("load", "ftm", str(ftm_file), out_dir=tmp_path)
    kill_when(proc, written_at_least(graph, base, written))
    run("load", "ftm", str(ftm_file), out_dir=tmp_path)
    assert (diff := differences(shape(graph), ftm_clean)) == "", diff


# -- curated ------------------------------------------------------------------------------


def test_curated_killed_in_its_transaction_then_rerun_equals_a_clean_load(
    graph: Graph, tmp_path: Path
) -> None:
    wipe(graph)
    run("load", "curated", out_dir=tmp_path)
    clean = shape(graph)
    wipe(graph)
    proc = start("load", "curated", out_dir=tmp_path)

    def in_transaction() -> bool:
        row = graph.read_one("admin/open_write_transactions") or {"open": 0}
        return int(row["open"]) > 0

    kill_when(proc, in_transaction)
    run("load", "curated", out_dir=tmp_path)
    assert (diff := differences(shape(graph), clean)) == "", diff
