"""On-demand benchmark of /exposure with shares, before and after, and of the 50 % computation
for a group of 1,000 subsidiaries (not a test).

    .venv/bin/python bench/bench_exposure.py --n 1000000 --base 47c4766 [--requests 2000]

1. Loads (unless already there) bench_api's synthetic graph (ownership trees of 50 with a
   share on every edge: `bench_api.edge_share`; about 10 % of the companies listed) and a group
   under `company:bench-group-0` (listed on the Entity List): 10 children held 60 %, 100
   grandchildren each held 30 % by its parent and a second stake by a sibling child (25 %,
   "less than 25%" or not stated: covered, undetermined, undetermined), 900 great-grandchildren
   ("wholly owned" or 45 %); 1,010 subsidiaries.
2. Extracts the `--base` commit (the code before shares) with `git archive` into a temporary
   directory and serves it beside this tree, one uvicorn worker each, on the same database.
3. Rounds alternate the two APIs (old, new, old, new ...) on the same /entities/{id}/exposure
   requests (random companies of the trees, as_of 2025-10-15: the Affiliates Rule in force),
   32 concurrent httpx clients in another process; p50 / p99 per API per round, and the ratio
   of the new to the old median p99.
4. Times the group: /entities/company:bench-group-0/subsidiaries?reached_by=<Affiliates Rule>
   end to end through the new API (--group-runs times), and in this process the computation
   alone (graph.coverage over the rows of one read, as api/queries/entities.py runs it).
Everything stays on loopback; every loop is bounded. The machine's noise is in the figures:
only the side-by-side ratio of one run means anything.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_api  # noqa: E402
import httpx  # noqa: E402

from api import derived as d  # noqa: E402
from graph import coverage  # noqa: E402
from graph.db import Graph  # noqa: E402
from graph.model import decided_from, edge_types  # noqa: E402
from graph.settings import get_settings  # noqa: E402
from graph.shares import parse_share  # noqa: E402
from graph.writer import BatchWriter  # noqa: E402

DAY = "2025-10-15"
RULE = "rule:bis-affiliates-50-percent"
GROUP = "company:bench-group-0"


def gid(*path: int) -> str:
    return "company:bench-group-" + "-".join(str(p) for p in (0, *path))


def _edge(child: str, parent: str, text: str | None) -> dict[str, Any]:
    share = parse_share(text)
    legacy = share.min if share.min == share.max else None
    return {
        "child": child,
        "parent": parent,
        "fact_id": f"bench:{child}<{parent}",
        "share": legacy,
        "props": share.props(),
    }


def group_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The 1,011 companies of the group and their stakes (see the module docstring)."""
    names, edges = [GROUP], []
    for j in range(10):
        names.append(gid(j))
        edges.append(_edge(gid(j), GROUP, "60%"))
        for k in range(10):
            names.append(gid(j, k))
            edges.append(_edge(gid(j, k), gid(j), "30%"))
            second = ["25%", "less than 25%", None][k % 3]
            edges.append(_edge(gid(j, k), gid((j + 1) % 10), second))
            for m in range(9):
                names.append(gid(j, k, m))
                edges.append(_edge(gid(j, k, m), gid(j, k), "wholly owned" if m % 2 else "45%"))
    companies = [
        {"id": n, "name": f"Bench group company {n.removeprefix(GROUP)}", "aliases": []}
        for n in names
    ]
    return companies, edges


def load_group(graph: Graph) -> None:
    if (graph.read_one("bench/count_group") or {}).get("n"):
        print("group already loaded")
        return
    companies, edges = group_rows()
    listed = {
        "id": GROUP,
        "list": "list:us-bis-entity-list",
        "fact_id": "bench:group-listed",
        "since": "2019-10-09",
        "decided_from": decided_from("2019-10-09", "day"),
    }
    for statement, rows in (
        ("bench/companies", companies),
        ("bench/subsidiaries", edges),
        ("bench/listed", [listed]),
    ):
        with BatchWriter(graph, [statement], batch_size=5_000, timeout=600.0) as writer:
            for row in rows:
                writer.add({statement: [row]})
    print(f"group: {len(companies)} companies, {len(edges)} stakes")


def exposure_jobs(n: int, count: int, seed: int = 3) -> list[tuple[str, dict[str, Any]]]:
    """Random companies of the trees with a designation on their own chain (themselves, their
    parent or their root), so the code before shares answers them too: its /exposure read
    no row, a 404, for a company with no designation around it."""
    listed = {int(r["id"].rsplit("-", 1)[1]) for r in bench_api.listed_rows(n)}
    rnd = random.Random(seed)
    jobs: list[tuple[str, dict[str, Any]]] = []
    while len(jobs) < count:
        i = rnd.randrange(n)
        chain = {i, bench_api.parent_of(i), (i // bench_api.TREE) * bench_api.TREE}
        if chain & listed:
            jobs.append((f"/entities/{bench_api.cid(i)}/exposure", {"as_of": DAY, "limit": 20}))
    return jobs


def extract(base: str, into: Path) -> Path:
    """The tree of commit `base` (its tracked files), for the "before" API."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", base], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def check_versions(old: str, new: str) -> None:
    """Each server runs its own tree: only the new one knows `reached_by`."""
    spec = "/openapi.json"
    assert "reached_by" in httpx.get(new + spec, timeout=30).text, "new API is not this tree"
    assert "reached_by" not in httpx.get(old + spec, timeout=30).text, "old API is not --base"


def rounds(
    apis: dict[str, str], jobs: list[tuple[str, dict[str, Any]]], count: int, concurrency: int
) -> dict[str, list[dict[str, float]]]:
    out: dict[str, list[dict[str, float]]] = {name: [] for name in apis}
    for r in range(count):
        for name, base in apis.items():
            lat, wall, err = bench_api.run_api(base, jobs, concurrency)
            out[name].append(bench_api.summarize(f"round {r + 1} {name}", lat, wall, err))
    return out


def time_group(new: str, runs: int) -> list[float]:
    url = f"{new}/entities/{GROUP}/subsidiaries"
    params: dict[str, Any] = {"reached_by": RULE, "as_of": DAY, "limit": 500}
    times = []
    with httpx.Client(timeout=120) as client:
        for _ in range(runs):
            t0 = time.perf_counter()
            r = client.get(url, params=params)
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
    body = r.json()
    outcomes: dict[str, int] = {}
    for x in body["results"]:
        outcomes[x["derived"]["outcome"]] = outcomes.get(x["derived"]["outcome"], 0) + 1
    print(f"  group answer: {body['total']} reached (first page {outcomes})")
    return times


def time_computation(graph: Graph, runs: int) -> tuple[list[float], int]:
    """graph.coverage over the group's rows, as api/queries/entities.py runs it (no I/O)."""
    params = {"id": GROUP, "rule": RULE, "depth": graph.settings.max_depth, "as_of": DAY}
    row = graph.read_one("api/subsidiaries_reach", timeout=120.0, **params, **edge_types())
    assert row is not None
    from api import convert as c

    times = []
    decided = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        data = d.around(row, c.SourceBook([]), DAY)
        seeds = data.seeds(row["rule"])
        result = coverage.reach(data.stakes, seeds, float(row["rule"]["threshold_share"]))
        decided = 0
        for member in row["group"]:
            if d.conclude(data, row["rule"], seeds, str(member["id"]), result) is not None:
                decided += 1
        times.append(time.perf_counter() - t0)
    return times, decided


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000, help="synthetic companies (trees)")
    ap.add_argument("--base", default="47c4766", help="commit of the code before shares")
    ap.add_argument("--requests", type=int, default=2000, help="exposure requests per round")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds per API")
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--group-runs", type=int, default=20)
    args = ap.parse_args()

    settings = get_settings()
    graph = Graph(settings)
    print(f"loading synthetic graph: {args.n} companies, and the group")
    bench_api.load(graph, args.n)
    load_group(graph)
    jobs = exposure_jobs(args.n, args.requests)
    with tempfile.TemporaryDirectory(prefix="survgraph-base-") as tmp:
        old_tree = extract(args.base, Path(tmp))
        servers = {"old": bench_api.start_api(1, old_tree), "new": bench_api.start_api(1)}
        try:
            for base, _ in servers.values():
                bench_api.wait_ready(base)
            check_versions(servers["old"][0], servers["new"][0])
            apis = {name: base for name, (base, _) in servers.items()}
            print(f"warming up; then {args.rounds} alternating rounds of {len(jobs)} requests")
            for base in apis.values():
                bench_api.run_api(base, jobs[:200], 8)
            figures = rounds(apis, jobs, args.rounds, args.concurrency)
            group = time_group(apis["new"], args.group_runs)
        finally:
            for _, proc in servers.values():
                proc.terminate()
                proc.wait(timeout=30)
    _report(figures, group, *time_computation(graph, args.group_runs))
    graph.close()
    return 0


def _report(
    figures: dict[str, list[dict[str, float]]], group: list[float], calc: list[float], n: int
) -> None:
    old = statistics.median(f["p99"] for f in figures["old"])
    new = statistics.median(f["p99"] for f in figures["new"])
    p50_old = statistics.median(f["p50"] for f in figures["old"])
    p50_new = statistics.median(f["p50"] for f in figures["new"])
    print(f"/exposure p99 (median of rounds): old {old:.1f} ms, new {new:.1f} ms: x{new / old:.2f}")
    print(f"/exposure p50 (median of rounds): old {p50_old:.1f} ms, new {p50_new:.1f} ms")
    print(
        f"group of 1,010 subsidiaries, reached_by through the API: median "
        f"{statistics.median(group) * 1000:.0f} ms, max {max(group) * 1000:.0f} ms"
    )
    print(
        f"the computation alone ({n} members decided): median "
        f"{statistics.median(calc) * 1000:.1f} ms, max {max(calc) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
