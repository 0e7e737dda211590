"""On-demand benchmark of the CSL loader (not a test): a synthetic 100,000-row CSL CSV with
realistic names, several lists and alt names, loaded after wipe + curated.

    .venv/bin/python bench/bench_csl_load.py [--rows 100000] [--batch-size 2000] [--no-raw]
        [--warm-up 30000]

Loads the file twice in one run: without resolution (every entry its own entity, the same
statements: the raw write rate) and with the cross-record resolution every load does; the
resolved rate must be >= 0.6 of the raw one. Also reports the rate over the first and the
last 100,000 entries (for a 1,000,000-row run: it may fall by at most 30 %), the loader's
peak RSS, the phase timings and the decisions.

Both loads run on a warm server: a short load of other rows first (`--warm-up`, not
measured) takes the server's start-up cost. On a server just started, the main thread
waited for the writer over the first 60,000 rows of a load (185 us per row at 20,000-40,000
rows, against 4-12 on a warm server), so the first load's early rate depended on when the
server had been started: the raw rate of a 100,000-row run, and the first 100,000 rows of a
1,000,000-row run, whose fall it flattered.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import server, writer
from graph.db import Graph
from graph.settings import get_settings
from loaders.curated import load_curated
from loaders.pipeline import load
from loaders.plumbing import progress
from loaders.sources import CSL

HEADER = [
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order",
    "license_requirement", "license_policy", "call_sign", "vessel_type", "gross_tonnage",
    "gross_registered_tonnage", "vessel_flag", "vessel_owner", "remarks", "source_list_url",
    "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth",
    "source_information_url", "ids",
]  # fmt: skip
LISTS = [
    ("Specially Designated Nationals (SDN) - Treasury Department", 0.55),
    ("Entity List (EL) - Bureau of Industry and Security", 0.25),
    ("Denied Persons List (DPL) - Bureau of Industry and Security", 0.06),
    ("Nonproliferation Sanctions (ISN) - State Department", 0.05),
    ("ITAR Debarred (DTC) - State Department", 0.05),
    ("Military End User (MEU) List - Bureau of Industry and Security", 0.02),
    ("Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department",
     0.02),
]  # fmt: skip
PLACES = [
    "Shenzhen",
    "Hangzhou",
    "Beijing",
    "Shanghai",
    "Wuhan",
    "Chengdu",
    "Xiamen",
    "Moscow",
    "Saint Petersburg",
    "Tehran",
    "Dubai",
    "Minsk",
    "Novosibirsk",
    "Urumqi",
    "Kashgar",
]
COUNTRIES = {
    "Shenzhen": "China",
    "Hangzhou": "China",
    "Beijing": "China",
    "Shanghai": "China",
    "Wuhan": "China",
    "Chengdu": "China",
    "Xiamen": "China",
    "Moscow": "Russia",
    "Saint Petersburg": "Russia",
    "Tehran": "Iran",
    "Dubai": "United Arab Emirates",
    "Minsk": "Belarus",
    "Novosibirsk": "Russia",
    "Urumqi": "China",
    "Kashgar": "China",
}
SYLLABLES = [
    "hua",
    "xin",
    "tong",
    "jian",
    "long",
    "kai",
    "rui",
    "sheng",
    "tian",
    "yuan",
    "feng",
    "bao",
    "hai",
    "jin",
    "ming",
    "zhong",
    "guang",
    "da",
    "wei",
    "li",
    "neft",
    "prom",
    "tekh",
    "avia",
    "stroy",
    "energo",
    "radio",
    "pars",
    "sanat",
    "kav",
]
DESCRIPTORS = [
    "Electronic Technology",
    "Technology",
    "Trading",
    "Import and Export",
    "Science and Technology Development",
    "Industrial",
    "Engineering",
    "Logistics",
    "Precision Instruments",
    "Optoelectronics",
    "Shipping",
    "Aviation Services",
]
LEGAL = ["Co., Ltd.", "Co. Ltd", "Limited", "LLC", "OOO", "JSC", "Company", "Group Co., Ltd."]
GIVEN = [
    "Ali",
    "Hassan",
    "Ivan",
    "Sergei",
    "Wei",
    "Li",
    "Mohammad",
    "Olga",
    "Reza",
    "Dmitry",
    "Yusuf",
    "Elena",
    "Chen",
    "Omar",
    "Nikolai",
    "Farid",
]
FAMILY = ["Petrov", "Zhang", "Karimi", "Ivanova", "Rahimi", "Wang", "Sokolov", "Haddad",
          "Morozov", "Liu", "Tehrani", "Volkov", "Huang", "Nasser", "Orlov", "Zhou"]  # fmt: skip


def trade_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def server_cpu_s() -> float | None:
    """CPU seconds the local Neo4j process has used so far (None for a server survgraph did
    not start): with the loader's own CPU, it shows which side a 2-core load is bound by."""
    pid = server.status(get_settings()).pid
    if pid is None:
        return None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def synth_rows(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    sources = [s for s, _ in LISTS]
    weights = [w for _, w in LISTS]
    rows: list[dict[str, str]] = []
    companies: list[tuple[str, str, str]] = []
    for i in range(n):
        source = rng.choices(sources, weights)[0]
        row = dict.fromkeys(HEADER, "")
        row["_id"] = f"{i:08x}{rng.getrandbits(64):016x}"
        row["source"] = source
        if "(SDN)" in source:
            row["entity_number"] = str(100000 + i)
            row["programs"] = "; ".join(
                rng.sample(
                    ["RUSSIA-EO14024", "SDGT", "IRAN", "NPWMD", "CMIC-EO13959", "GLOMAG"],
                    rng.randint(1, 2),
                )
            )
        person = rng.random() < 0.35
        if person:
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {trade_name(rng)}"
            row["type"] = "Individual"
            row["dates_of_birth"] = (
                f"{rng.randint(1950, 1995)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            )
            place = rng.choice(PLACES)
        elif companies and rng.random() < 0.08:
            # the same company on another list (one new node)
            name, place, _ = rng.choice(companies)
            row["type"] = "Entity"
        else:
            place = rng.choice(PLACES)
            name = f"{place} {trade_name(rng)} {rng.choice(DESCRIPTORS)} {rng.choice(LEGAL)}"
            row["type"] = rng.choice(["Entity", "Entity", "Entity", ""])
            companies.append((name, place, source))
        row["name"] = name
        row["addresses"] = (
            f"No. {rng.randint(1, 999)} {trade_name(rng)} Road, {place}, {COUNTRIES[place]}"
        )
        if rng.random() < 0.3:
            row["alt_names"] = "; ".join(
                f"{trade_name(rng)} {rng.choice(DESCRIPTORS)}" for _ in range(rng.randint(1, 3))
            )
        if rng.random() < 0.002:
            row["name"] = "Hangzhou Hikvision Digital Technology Co., Ltd."  # known vendors
        row["federal_register_notice"] = f"{rng.randint(80, 91)} FR {rng.randint(1000, 60000)}"
        row["start_date"] = (
            f"20{rng.randint(10, 26):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
        row["source_list_url"] = "https://www.trade.gov/consolidated-screening-list"
        rows.append(row)
    return rows  # fmt: skip


class Timeline:
    """When each batch of entries committed: the rate over the load's first and last rows."""

    def __init__(self) -> None:
        self.marks: list[tuple[float, int]] = [(time.monotonic(), 0)]

    def install(self) -> None:
        timeline = self
        original = progress.Meter.__call__

        def call(meter: progress.Meter, n: int) -> None:
            original(meter, n)
            if meter.label == "csl load":
                timeline.marks.append((time.monotonic(), meter.done))

        setattr(progress.Meter, "__call__", call)  # noqa: B010 (a bench-only probe)

    def rate(self, first: int, last: int) -> float:
        """Entries per second between the batch commits that reached `first` and `last`
        entries (from the first commit on: parsing and the index build come before it)."""
        commits = self.marks[1:] or self.marks
        start = next((m for m in commits if m[1] >= first), commits[0])
        end = next((m for m in commits if m[1] >= last), commits[-1])
        return (end[1] - start[1]) / max(end[0] - start[0], 1e-9)


@dataclass
class Outcome:
    report: Any
    elapsed: float
    written: int
    loader_cpu: float
    server_cpu: float | None


def _load(path: Path, batch_size: int, resolve: bool) -> Outcome:
    with Graph() as graph:
        graph.run_script("admin/wipe")
        load_curated(graph)
        before = writer.counts(graph)
        server0, cpu0 = server_cpu_s(), time.process_time()
        started = time.monotonic()
        report = load(graph, CSL, path, batch_size=batch_size, progress=False, resolve=resolve)
        elapsed = time.monotonic() - started
        loader_cpu = time.process_time() - cpu0
        server1 = server_cpu_s()
        after = writer.counts(graph)
    written = (after["nodes"] - before["nodes"]) + (
        after["relationships"] - before["relationships"]
    )
    server = server1 - server0 if server0 is not None and server1 is not None else None
    return Outcome(report, elapsed, written, loader_cpu, server)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument(
        "--no-raw", action="store_true", help="skip the load without resolution (1M runs)"
    )
    parser.add_argument(
        "--warm-up", type=int, default=30_000, help="rows of an unmeasured first load (0: none)"
    )
    args = parser.parse_args()
    timeline = Timeline()
    timeline.install()
    with tempfile.TemporaryDirectory() as tmp:
        if args.warm_up:
            _warm_up(Path(tmp) / "warm-up.csv", args.warm_up, args.batch_size)
        path = Path(tmp) / "csl-synthetic.csv"
        _write(path, synth_rows(args.rows))
        raw = None if args.no_raw else _load(path, args.batch_size, resolve=False)
        timeline.marks = [(time.monotonic(), 0)]
        real = _load(path, args.batch_size, resolve=True)
    _print(real, raw, timeline, args.rows)
    return 0


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=HEADER)
        w.writeheader()
        w.writerows(rows)


def _warm_up(path: Path, rows: int, batch_size: int) -> None:
    """A load of other rows (another seed) that the measured loads then wipe."""
    _write(path, synth_rows(rows, seed=1))
    done = _load(path, batch_size, resolve=True)
    print(f"warm-up: {rows:,} rows loaded in {done.elapsed:.1f} s (not measured)")


def _print(real: Outcome, raw: Outcome | None, timeline: Timeline, rows: int) -> None:
    report = real.report
    entries = int(report.extra["entries"])
    decisions = report.extra["decisions"]
    total = sum(decisions.values()) or 1
    print(f"rows: {report.rows_read:,}  entries: {entries:,}")
    print(
        f"with resolution: {entries / real.elapsed:,.0f} entries/s, {real.written:,} nodes + "
        f"relationships in {real.elapsed:.1f} s = {real.written / real.elapsed:,.0f}/s"
    )
    if raw is not None:
        print(
            f"no resolution (same rows, same statements): {entries / raw.elapsed:,.0f} "
            f"entries/s in {raw.elapsed:.1f} s; resolved / raw = "
            f"{raw.elapsed / real.elapsed:.2f} (target >= 0.6)"
        )
    step = 100_000 if rows >= 300_000 else max(rows // 10, 1)
    first, last = timeline.rate(0, step), timeline.rate(entries - step, entries)
    change = f"{100 * (last - first) / first:+.1f} %" if first else "n/a (one batch)"
    print(
        f"rate over the first {step:,} entries {first:,.0f}/s, over the last {step:,} "
        f"{last:,.0f}/s: {change} (target >= -30 %)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of the loader: {peak:,.0f} MiB")
    print(f"phases (s): {report.extra['timings_s']}")
    server_cpu = f"{real.server_cpu:.1f}" if real.server_cpu is not None else "?"
    print(f"CPU seconds: Neo4j {server_cpu}, loader (Python) {real.loader_cpu:.1f}")
    print(
        "resolution: "
        + ", ".join(f"{k} {v:,} ({100 * v / total:.1f}%)" for k, v in sorted(decisions.items()))
    )
    print(f"entities created {report.entities_created:,}, merged {report.entities_merged:,}, "
          f"review {report.sent_to_review:,}, merged onto earlier rows "
          f"{report.extra['matched_records_of_this_load']:,}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
