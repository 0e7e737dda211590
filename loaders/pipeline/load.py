"""One list load, for any list source: parse -> compare -> resolve -> write -> claims -> report.

Every step is the source's only through its descriptor (`loaders.sources.ListSource`): its
parser reads the file, its name is the provenance of everything written, and `ends_absent`
says whether an entry the file no longer has has ended. The name index is built once per
load (`LoadIndex`): it resolves the entries in file order, then, with every entry settled,
the parties the entries name (`claims`). Loading the same file twice creates nothing the
second time; a load killed part-way and rerun writes what a clean load writes.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from graph.db import Graph
from graph.schema import apply_schema
from graph.writer import BatchWriter, write_batches
from loaders.notices import link_notices
from loaders.pipeline.claims import ClaimCounts, write_claims
from loaders.pipeline.entries import (
    EntryPlan,
    Existing,
    Parsed,
    compare_with_earlier,
    load_record,
    parse,
    read_existing,
    resolve_entries,
)
from loaders.pipeline.provenance import Run, now, run_for
from loaders.pipeline.rows import END_STATEMENTS, STATEMENTS, change_row, list_row, plan_rows
from loaders.plumbing.heap import LoadHeap
from loaders.plumbing.progress import Meter
from loaders.plumbing.report import LoadReport
from loaders.resolution import LoadIndex
from loaders.sources import ListSource

__all__ = ["BATCH_SIZE", "load"]

BATCH_SIZE = 2000


@dataclass
class _Load:
    """One load's state as it goes: what was read, where it cites, how long each step took."""

    source: ListSource
    parsed: Parsed
    run: Run
    url: str | None
    started: datetime
    batch_size: int
    timings: dict[str, float] = field(default_factory=dict)

    def timed(self, step: str, since: float) -> None:
        self.timings[step] = time.monotonic() - since


def load(
    graph: Graph,
    source: ListSource,
    path: Path,
    *,
    url: str | None = None,
    publisher_updated: str | None = None,
    source_props: Mapping[str, Any] | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
    started: datetime | None = None,
    resolve: bool = True,
) -> LoadReport:
    """Load one file (or file set) of `source` into the graph; returns the report (not yet
    saved). `source_props` (a bundled snapshot's manifest) override the snapshot Source's
    defaults. `resolve=False` writes every entry on an entity of its own and states no
    claims, through the same statements: the benchmark's measure of what resolution costs
    (`bench/bench_csl_load.py`), never a way to load a list for use."""
    with LoadHeap() as heap:
        t0 = time.monotonic()
        parsed = parse(source, path)
        started = started or now()
        job = _Load(source, parsed, run_for(source, parsed.sha, started), url, started, batch_size)
        job.timed("parse_s", t0)
        t1 = time.monotonic()
        apply_schema(graph)
        existing = read_existing(graph, sorted(parsed.lists))
        ended_ids = compare_with_earlier(parsed.plans, existing, parsed.lists)
        job.timed("compare_s", t1)
        t2 = time.monotonic()
        index = _index(graph, job) if resolve else None
        heap.built()
        job.timed("resolver_build_s", t2)
        _write_source_and_lists(graph, job, publisher_updated, source_props)
        return _write(graph, job, index, existing, ended_ids, heap.settled, progress)


def _index(graph: Graph, job: _Load) -> LoadIndex:
    """The load's name index: the graph as a clean load sees it, then the load's entries."""
    own = [load_record(plan) for plan in job.parsed.plans.values()]
    return LoadIndex(graph, own, exclude_source=job.run.source_id)


def _write(
    graph: Graph,
    job: _Load,
    index: LoadIndex | None,
    existing: Mapping[str, Existing],
    ended_ids: Sequence[str],
    settled: Callable[[], None],
    progress: bool | None,
) -> LoadReport:
    t3 = time.monotonic()
    ordered = list(job.parsed.plans.values())
    meter = Meter(len(ordered), f"{job.source.name} load", enabled=progress)
    written = _resolve_and_write(graph, job, ordered, index, meter, settled)
    ended = _end_absent(graph, job, ended_ids, existing) if job.source.ends_absent else 0
    job.timed("resolve_and_write_s", t3)
    t4 = time.monotonic()
    claims = ClaimCounts()
    if index is not None:
        claims = write_claims(graph, ordered, job.run, index, job.batch_size)
    job.timed("claims_s", t4)
    notice_links = link_notices(graph) if index is not None else {}
    _record_run(graph, job, ended)
    report = _report(job, written, ended)
    report.extra["claims"] = claims.as_dict()
    report.extra["notice_links"] = notice_links
    report.relationships_created += claims.relationships_created
    return report


def _resolve_and_write(
    graph: Graph,
    job: _Load,
    ordered: Sequence[EntryPlan],
    index: LoadIndex | None,
    meter: Callable[[int], None],
    settled: Callable[[], None],
) -> BatchWriter:
    """Resolve batch by batch while the writer's thread commits the previous batch;
    `settled` after each batch (`LoadHeap.settled`)."""
    resolve_time = 0.0
    run, size = job.run, job.batch_size
    params = {"run_id": run.run_id, "source_id": run.source_id, "at": run.at, "origin": run.origin}
    with BatchWriter(graph, STATEMENTS, size, params, background=True, progress=meter) as writer:
        for start in range(0, len(ordered), size):
            batch = ordered[start : start + size]
            r0 = time.monotonic()
            resolve_entries(batch, index, run.origin)
            resolve_time += time.monotonic() - r0
            for plan in batch:
                writer.add(plan_rows(plan, run))
            settled()
    job.timings["resolve_s"] = resolve_time
    return writer


def _write_source_and_lists(
    graph: Graph,
    job: _Load,
    publisher_updated: str | None,
    source_props: Mapping[str, Any] | None,
) -> None:
    props = {**_source_props(job), **(source_props or {})}
    write_batches(graph, "load/list_write_source", [{"id": job.run.source_id, "props": props}])
    parsed = job.parsed
    lists = [
        list_row(
            info,
            job.run,
            parsed.entry_counts[info.id],
            parsed.dates.get(info.id, publisher_updated),
        )
        for info in parsed.lists.values()
    ]
    write_batches(graph, "load/list_write_lists", lists, origin=job.run.origin)


def _source_props(job: _Load) -> dict[str, Any]:
    """The snapshot Source: what the source is, and which file of it this load read."""
    parsed, source, at = job.parsed, job.source, job.run.at
    names = ", ".join(sorted(info.short_name for info in parsed.lists.values()))
    return {
        "title": f"{source.title} snapshot {parsed.sha[:12]} ({names})",
        "publisher": source.publisher,
        "kind": source.kind,
        "url": job.url or source.url,
        "file_name": parsed.path.name,
        "date": at[:10],
        "retrieved": at,
        "sha256": parsed.sha,
        "list_source": source.name,
    }


def _end_absent(
    graph: Graph, job: _Load, ended_ids: Sequence[str], existing: Mapping[str, Existing]
) -> int:
    """End what the file no longer has (never deleted), with a change record each."""
    run = job.run
    params = {"run_id": run.run_id, "at": run.at, "date": job.started.date().isoformat()}
    with BatchWriter(graph, END_STATEMENTS, job.batch_size, params) as writer:
        for eid in ended_ids:
            before = existing[eid]
            change = change_row(run, "ended", eid, before.list_id, before.name, before.entity_id)
            writer.add({"load/list_end_entries": [{"id": eid}], "load/changes_write": [change]})
    return sum(int(row["ended"]) for row in writer.returned["load/list_end_entries"])


def _record_run(graph: Graph, job: _Load, ended: int) -> None:
    parsed, run = job.parsed, job.run
    changes = Counter(p.change for p in parsed.plans.values() if p.change)
    props = {
        "loader": job.source.name,
        "file": str(parsed.path),
        "url": job.url,
        "sha256": parsed.sha,
        "source_id": run.source_id,
        "started_at": run.at,
        "finished_at": now().isoformat(),
        "lists": sorted(parsed.lists),
        "rows": parsed.rows_read,
        "entries": len(parsed.plans),
        "added": changes["added"],
        "modified": changes["modified"],
        "ended": ended,
        "rejected": len(parsed.rejected),
    }
    graph.write(
        "load/list_load_run", id=run.run_id, props=props, source_id=run.source_id, origin=run.origin
    )


def _report(job: _Load, writer: BatchWriter, ended: int) -> LoadReport:
    parsed, run = job.parsed, job.run
    plans = parsed.plans.values()
    outcomes = Counter(p.outcome for p in plans)
    report = LoadReport(loader=job.source.name, source=job.url or str(parsed.path))
    report.started_at = run.at
    report.rows_read = parsed.rows_read
    report.rejected.extend(parsed.rejected)
    report.entities_created = writer.created("load/list_write_entities")
    report.entities_merged = outcomes["match"] + outcomes["kept"]
    report.relationships_created = writer.counts["relationships_created"]
    report.relationships_total = writer.counts["load/list_write_listed_on:rows"]
    report.sent_to_review = outcomes["review"]
    report.extra.update(_report_extra(job, writer, ended, outcomes))
    report.finish()
    return report


def _report_extra(
    job: _Load, writer: BatchWriter, ended: int, outcomes: Counter[str]
) -> dict[str, Any]:
    parsed, run = job.parsed, job.run
    plans = parsed.plans.values()
    changes = Counter(p.change for p in plans if p.change)
    return {
        "run_id": run.run_id,
        "snapshot_source_id": run.source_id,
        "sha256": parsed.sha,
        "entries": len(parsed.plans),
        "rows_folded_into_entries": parsed.folded,
        "lists": {lid: parsed.entry_counts[lid] for lid in sorted(parsed.lists)},
        "unknown_sources": sorted({i.name for i in parsed.lists.values() if not i.known}),
        "decisions": dict(outcomes),
        "matched_records_of_this_load": sum(
            1 for p in plans if p.outcome == "match" and p.decided and p.decided.on_record
        ),
        "judgements_recorded": writer.created("load/list_write_judgements"),
        "entries_created": writer.created("load/list_write_entries"),
        "review_items_created": writer.created("review/upsert"),
        "changes": {"added": changes["added"], "modified": changes["modified"], "ended": ended},
        "nodes_created": writer.counts["nodes_created"],
        "timings_s": {k: round(v, 2) for k, v in job.timings.items()},
    }
