"""On-demand soak of the API while the CSL list is reloaded under it (not a test).

    .venv/bin/python bench/soak_api.py [--seconds 240] [--concurrency 32] [--workers 1]

It WIPES the graph it points at (the test database), then loads the curated data and an
edition of the real CSL file that keeps only its first 200 Entity List rows (edition A). For
--seconds, 32 concurrent clients (asyncio + httpx, in a separate process) ask the hot
questions (listed subsidiaries, exposure, paths, entity, search, and one list's entities)
while this process
reloads the list again and again: the full file (edition B adds the Entity List entries batch
by batch, or reopens them), then edition A (the load ends them batch by batch), and so on.

It reports, and fails (exit 1) when one does not hold:
- no 5xx answer and no failed request;
- the API's resident memory (all its processes) grows under 10 % from the first to the last
  minute (medians of 2-second samples: a search-index rebuild briefly holds two indexes, and
  one such spike is not growth; the maxima are printed too);
- every answer about the Entity List is consistent: its `total` equals the list's total after
  some whole batch that was the latest committed one at some moment while the request ran.
  Those totals are read by the loading process right after each batch transaction commits
  (the loader's writes run one transaction at a time), with the same statement the API runs.
Everything stays on loopback; every loop is bounded by --seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import multiprocessing as mp
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_api import start_api, wait_ready  # noqa: E402

from graph.db import Graph  # noqa: E402
from graph.settings import get_settings  # noqa: E402
from loaders.curated import load_curated  # noqa: E402
from loaders.pipeline import load  # noqa: E402
from loaders.sources import CSL as CSL_SOURCE  # noqa: E402

CSL = ROOT.parent / "shared" / "data" / "csl" / "consolidated-assembled-2026-07.csv"
LIST = "list:us-bis-entity-list"
EL_SOURCE = "Entity List (EL) - Bureau of Industry and Security"
HOT = [
    ("/entities/company:hikvision/subsidiaries", {"listed": "true"}),
    ("/entities/company:urumqi-haishi-xinan/exposure", {}),
    ("/paths", {"from": "company:urumqi-haishi-xinan", "to": LIST}),
    ("/entities/company:hikvision", {}),
    ("/search", {"q": "Hikvision Digital Technology"}),
    ("/search", {"q": "Beltechexport"}),
    (f"/lists/{LIST}/entities", {"limit": "1"}),
]
T = TypeVar("T")


@dataclass
class Boundaries:
    """The list's total after each committed batch, with when that batch's transaction was
    sent and when it returned (monotonic clock, shared by every process on the machine)."""

    states: list[tuple[float, float, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sent: float, returned: float, total: int) -> None:
        with self.lock:
            self.states.append((sent, returned, total))

    def possible(self, start: float, end: float) -> set[int]:
        """Totals a request running from start to end may see: state j holds from its
        transaction's send (at the earliest) to the next one's return (at the latest)."""
        found = set()
        for j, (sent, _, total) in enumerate(self.states):
            until = self.states[j + 1][1] if j + 1 < len(self.states) else float("inf")
            if sent <= end and until >= start:
                found.add(total)
        return found


class ProbedGraph(Graph):
    """The loader's Graph: after each write transaction, reads the list's total."""

    boundaries: Boundaries

    def transaction(self, fn: Callable[..., T], timeout: float = 120.0) -> T:
        sent = time.monotonic()
        result = super().transaction(fn, timeout)
        self.boundaries.add(sent, time.monotonic(), list_total(self))
        return result


def list_total(graph: Graph) -> int:
    row = graph.read_one(
        "api/list_entities", id=LIST, as_of=date.today().isoformat(), since=None, until=None,
        include_ended=False, offset=0, limit=1,
    )  # fmt: skip
    return int(row["total"]) if row else 0


def edition_a(out: Path, keep: int = 200) -> Path:
    """Edition A: the real file with only its first `keep` Entity List rows. A load compares
    only the lists a file has, so the list stays in it and the load ends the others."""
    path = out / "csl-edition-a.csv"
    with CSL.open(newline="", encoding="utf-8") as src, path.open("w", newline="") as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst, quoting=csv.QUOTE_ALL)
        header = next(reader)
        writer.writerow(header)
        at = header.index("source")
        kept = 0
        for row in reader:
            if row[at] == EL_SOURCE:
                kept += 1
                if kept > keep:
                    continue
            writer.writerow(row)
    return path


# -- clients (a separate process) ---------------------------------------------------------


async def _client(base: str, deadline: float, seed: int, out: list[list[Any]]) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        i = seed
        while time.monotonic() < deadline:
            path, params = HOT[i % len(HOT)]
            i += 7
            start = time.monotonic()
            try:
                response = await http.get(path, params=params)
                status = response.status_code
                total = response.json().get("total") if path.startswith("/lists/") else None
            except (httpx.HTTPError, ValueError) as exc:
                status, total = -1, repr(exc)
            out.append([path, status, start, time.monotonic(), total])


def clients(base: str, seconds: float, concurrency: int, result: str) -> None:
    deadline = time.monotonic() + seconds
    out: list[list[Any]] = []

    async def all_clients() -> None:
        await asyncio.gather(*(_client(base, deadline, s, out) for s in range(concurrency)))

    asyncio.run(all_clients())
    Path(result).write_text(json.dumps(out))


# -- memory -------------------------------------------------------------------------------


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (uvicorn's workers)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total


def sample_memory(pid: int, stop: threading.Event, samples: list[tuple[float, int]]) -> None:
    while not stop.wait(2.0):
        samples.append((time.monotonic(), rss_kib(pid)))


# -- the soak -----------------------------------------------------------------------------


def reload_until(graph: ProbedGraph, editions: list[Path], deadline: float) -> list[str]:
    done = []
    i = 0
    while time.monotonic() < deadline:
        path = editions[i % 2]
        report = load(graph, CSL_SOURCE, path, progress=False)
        done.append(f"{path.name}: {report.extra['changes']}")
        i += 1
    return done


def check(
    answers: list[list[Any]], boundaries: Boundaries, memory: list[tuple[float, int]]
) -> list[str]:
    failures = []
    statuses = Counter(a[1] for a in answers)
    bad = {s: n for s, n in statuses.items() if s >= 500 or s < 0}
    if bad:
        sample = [a for a in answers if a[1] >= 500 or a[1] < 0][:5]
        failures.append(f"server errors or failed requests: {bad}, e.g. {sample}")
    inconsistent = [
        a for a in answers
        if a[0].startswith("/lists/") and a[1] == 200
        and a[4] not in boundaries.possible(a[2], a[3])
    ]  # fmt: skip
    if inconsistent:
        failures.append(f"{len(inconsistent)} list answers saw part of a batch: {inconsistent[:5]}")
    print("RSS every 30 s (MiB): " + " ".join(f"{kib / 1024:.0f}" for _, kib in memory[::15]))
    first = [kib for t, kib in memory if t <= memory[0][0] + 60]
    last = [kib for t, kib in memory if t >= memory[-1][0] - 60]
    growth = statistics.median(last) / statistics.median(first) - 1
    print(
        f"RSS median first minute {statistics.median(first) / 1024:.0f} MiB (max "
        f"{max(first) / 1024:.0f}), last minute {statistics.median(last) / 1024:.0f} MiB (max "
        f"{max(last) / 1024:.0f}): growth {growth:+.1%}"
    )
    if growth >= 0.10:
        failures.append(f"RSS grew {growth:.1%} from the first to the last minute")
    return failures


def summary(answers: list[list[Any]], seconds: float) -> None:
    by_path: dict[str, list[float]] = {}
    for path, status, start, end, _ in answers:
        if status == 200:
            by_path.setdefault(path, []).append((end - start) * 1000)
    print(f"{len(answers)} answers in {seconds:.0f} s ({len(answers) / seconds:.0f} req/s)")
    for path, lat in sorted(by_path.items()):
        lat.sort()
        p99 = lat[int(len(lat) * 0.99) - 1] if len(lat) >= 100 else max(lat)
        print(f"  {path:<50} n={len(lat):>6} p50 {statistics.median(lat):6.1f} ms  p99 {p99:7.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seconds", type=float, default=240.0)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = ap.parse_args()
    if args.seconds < 150:
        raise SystemExit("--seconds must leave a first and a last minute apart (>= 150)")

    graph = ProbedGraph(get_settings())
    graph.boundaries = Boundaries()
    tmp = Path(tempfile.mkdtemp(prefix="survgraph-soak-"))
    editions = [CSL, edition_a(tmp)]
    print("wiping the graph; loading curated data and edition A (200 Entity List rows)")
    graph.run_script("admin/wipe")
    load_curated(graph)
    load(graph, CSL_SOURCE, editions[1], progress=False)
    graph.boundaries.add(0.0, time.monotonic(), list_total(graph))

    base, server = start_api(args.workers)
    memory: list[tuple[float, int]] = []
    stop = threading.Event()
    try:
        wait_ready(base)
        asyncio.run(_client(base, time.monotonic() + 5, 0, []))  # builds the search index
        sampler = threading.Thread(target=sample_memory, args=(server.pid, stop, memory))
        sampler.start()
        result = str(tmp / "answers.json")
        proc = mp.get_context("spawn").Process(
            target=clients, args=(base, args.seconds, args.concurrency, result)
        )
        began = time.monotonic()
        proc.start()
        loads = reload_until(graph, editions, began + args.seconds - 20)
        proc.join(timeout=args.seconds + 120)
        stop.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    answers = json.loads(Path(result).read_text())
    print(f"{len(loads)} loads while the clients ran:")
    for line in loads:
        print("  " + line)
    summary(answers, time.monotonic() - began)
    print(f"list states recorded after batches: {len(graph.boundaries.states)}")
    failures = check(answers, graph.boundaries, memory)
    for failure in failures:
        print("FAIL: " + failure)
    graph.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
