"""On-demand benchmark of screening jobs (not a test).

    .venv/bin/python bench/bench_screening.py --n 30000 [--load] [--real 0.2] [--seed 1]
        [--resolve-n N] [--known-at DAY]

1. With --load (or when the graph has no CSL load yet): wipes the graph, loads the curated
   data and the assembled CSL (../shared/data/csl), so names resolve against ~20,000 entries.
2. Builds a supplier file of --n names: a share (--real) of real list names (as listed,
   upper-cased, or with a trade suffix) and invented company names for the rest.
3. Starts the API with uvicorn in its own process (an API key set, chunks of 200).
4. Bare resolution: the same names through POST /resolve, 200 a call, one client: rows/s.
5. The job: POST /screenings with the file, polled until done: rows/s from the 202 to the
   end, the rate over the first and the last tenth of the rows (and how far it fell), and the
   server's peak RSS
   (VmHWM of the uvicorn process). Prints one JSON object; every loop is bounded.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.db import Graph  # noqa: E402
from graph.settings import get_settings  # noqa: E402
from loaders.curated import load_curated  # noqa: E402
from loaders.pipeline import load  # noqa: E402
from loaders.sources import CSL  # noqa: E402

KEY = "bench-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
CSL_FILE = ROOT.parent / "shared" / "data" / "csl" / "consolidated-assembled-2026-07.csv"
SYLLABLES = ["an", "bor", "cel", "dra", "eno", "fal", "gri", "hol", "ive", "jor", "kel", "lum"]
SUFFIXES = ["Ltd", "GmbH", "Inc.", "S.A.", "Trading Co.", "Logistics", "Industries", "AB"]


def prepare(graph: Graph, force: bool) -> None:
    done = graph.read_one("resolver/fingerprint") or {}
    if not force and int(done.get("runs") or 0) > 0 and int(done.get("entities") or 0) > 10_000:
        return
    graph.run_script("admin/wipe")
    load_curated(graph)
    load(graph, CSL, CSL_FILE, progress=False)


def names(graph: Graph, n: int, real: float, rng: random.Random) -> list[str]:
    rows = graph.driver.execute_query(
        "MATCH (e:ListEntry) RETURN e.name AS name ORDER BY e.id", database_=graph.database
    ).records
    listed = [str(r["name"]) for r in rows if r["name"]]
    out = []
    for _ in range(n):
        if rng.random() < real:
            name = rng.choice(listed)
            out.append(rng.choice([name, name.upper(), f"{name} Trading"]))
        else:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title()
            out.append(f"{word} {rng.choice(SUFFIXES)}")
    return out


def supplier_csv(values: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row_id", "name"])
    writer.writerows([f"S-{i}", v] for i, v in enumerate(values))
    return out.getvalue().encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_api(port: int, spool: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SURVGRAPH_API_KEYS": KEY, "SURVGRAPH_SCREENING_DIR": str(spool)}
    command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--log-level", "warning"], cwd=ROOT, env=env
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the API did not start")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def bare_resolve(url: str, values: list[str]) -> float:
    with httpx.Client(base_url=url, timeout=300) as client:
        client.post("/resolve", json={"names": values[:200]})  # the index's first build
        start = time.perf_counter()
        for i in range(0, len(values), 200):
            r = client.post("/resolve", json={"names": values[i : i + 200]})
            r.raise_for_status()
        return len(values) / (time.perf_counter() - start)


def screening(
    url: str, body: bytes, timeout_s: float, known_at: str | None = None
) -> dict[str, Any]:
    with httpx.Client(base_url=url, timeout=300, headers=AUTH) as client:
        start = time.perf_counter()
        params = {"known_at": known_at} if known_at else {}
        r = client.post(
            "/screenings", content=body, params=params, headers={"Content-Type": "text/csv"}
        )
        r.raise_for_status()
        accepted = time.perf_counter() - start
        where = r.headers["location"]
        samples: list[tuple[float, int]] = []
        while time.perf_counter() - start < timeout_s:
            status = client.get(where).json()
            samples.append((time.perf_counter() - start, int(status["rows_done"])))
            if status["status"] in ("done", "failed"):
                break
            time.sleep(1.0)
        return {"accepted_s": accepted, "status": status, "samples": samples}


def tenth_rates(samples: list[tuple[float, int]], total: int) -> tuple[float, float]:
    """Rows/s over the first and the last tenth of the rows (from the polled progress)."""

    def when(rows: float) -> float:
        return next(t for t, done in samples if done >= rows)

    tenth = total / 10
    first = tenth / max(when(tenth) - when(1), 1e-9)
    last = tenth / max(when(total) - when(total - tenth), 1e-9)
    return first, last


def known_at_rates(
    run: dict[str, Any] | None, n: int, rate: float, known_at: str | None
) -> dict[str, Any]:
    """The same file screened with `known_at`, beside the plain run of the same process."""
    if run is None:
        return {}
    elapsed = run["samples"][-1][0]
    return {
        "known_at": known_at,
        "known_at_status": run["status"]["status"],
        "known_at_matched": run["status"]["rows_matched"],
        "known_at_rows_per_s": round(n / elapsed, 1),
        "known_at_ratio_to_plain": round((n / elapsed) / rate, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=30_000)
    parser.add_argument("--real", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument(
        "--resolve-n",
        type=int,
        help="bare /resolve over the first N names only (default: all; a 1,000,000-row run "
        "needs the job's rate over its tenths more than a second pass over every name)",
    )
    parser.add_argument(
        "--known-at",
        help="also screen the file again with known_at=DAY (record time: the entities and "
        "names recorded later are left out, read once per chunk) and report both rates",
    )
    args = parser.parse_args()
    settings = get_settings()
    with Graph(settings) as graph:
        prepare(graph, args.load)
        values = names(graph, args.n, args.real, random.Random(args.seed))
    port = free_port()
    api = start_api(port, settings.out_dir / "bench-screening")
    url = f"http://127.0.0.1:{port}"
    try:
        resolve_rate = bare_resolve(url, values[: args.resolve_n or len(values)])
        run = screening(url, supplier_csv(values), args.timeout)
        known = (
            screening(url, supplier_csv(values), args.timeout, args.known_at)
            if args.known_at
            else None
        )
        rss = peak_rss_mb(api.pid)
    finally:
        api.terminate()
        api.wait(timeout=60)
    status, samples = run["status"], run["samples"]
    elapsed = samples[-1][0]
    first, last = tenth_rates(samples, args.n) if status["status"] == "done" else (0.0, 0.0)
    rate = args.n / elapsed
    print(
        json.dumps(
            {
                "names": args.n,
                "real_share": args.real,
                "status": status["status"],
                "matched": status["rows_matched"],
                "accepted_s": round(run["accepted_s"], 2),
                "screening_s": round(elapsed, 1),
                "screening_rows_per_s": round(rate, 1),
                "resolve_rows_per_s": round(resolve_rate, 1),
                "ratio_to_resolve": round(rate / resolve_rate, 3),
                "first_tenth_rows_per_s": round(first, 1),
                "last_tenth_rows_per_s": round(last, 1),
                "tenth_rows": args.n // 10,
                "fall_first_to_last_tenth_pct": round(100 * (first - last) / first, 1)
                if first
                else None,
                "server_peak_rss_mb": round(rss, 1),
                **known_at_rates(known, args.n, rate, args.known_at),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
