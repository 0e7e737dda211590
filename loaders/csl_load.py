"""Loads a Consolidated Screening List file: parse, resolve, write, and record what changed.

Steps (each a separate concern):

1. parse (`loaders.csl`): records and rejections; rows of one entry (the Entity List repeats an
   entity once per country) are merged into one entry;
2. compare with the entries earlier CSL loads left on the same lists: added, modified (row
   hash changed), ended (absent from this file; only lists present in the file are compared);
3. resolve the entries that have no earlier resolution, through `GraphResolver` (name, then
   each alt name): `match` -> LISTED_ON on the existing entity; `none` -> a new Company or
   Person node (one per normalised name + country within the load); `review` -> a pending
   ReviewItem holding the LISTED_ON that accepting it would create, and no LISTED_ON;
4. write in batches, one transaction per batch (entries, new entities, LISTED_ON, reviews and
   change records of the same rows commit together), then end the absent entries and record
   the LoadRun.

Every relationship written cites the snapshot Source (`source:csl-<sha256[:16]>`) and carries
origin 'csl'. Loading the same file twice creates nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph import model
from graph.db import Graph, Tx, run, run_rows
from graph.model import fact_id
from loaders.csl import CslRecord, Form, entry_key, iter_csl, publisher_dates
from loaders.lists import ListInfo, list_for_source
from loaders.progress import Meter
from loaders.report import LoadReport, Rejection
from loaders.resolution import Decision, GraphResolver, normalize

__all__ = ["CSL_PUBLISHER", "EntryPlan", "download_csl", "load_csl", "plan_resolution"]

CSL_PUBLISHER = "International Trade Administration, US Department of Commerce"
CSL_URL = "https://www.trade.gov/consolidated-screening-list"
BATCH_SIZE = 2000
# Labels this loader creates; fixed here, never taken from input (graph.writer whitelists
# the curated ones the same way).
NEW_ENTITY_LABELS = {"company": "Company", "person": "Person"}
COMPANY_LABELS = ("Company", "GovernmentBody")
PERSON_LABELS = ("Person",)


@dataclass
class EntryPlan:
    """One list entry of this file and what the load will do with it."""

    id: str
    list_info: ListInfo
    record: CslRecord
    rows: list[int]
    row_hash: str
    change: str | None = None  # added | modified | None (unchanged)
    decision: str = "none"  # match | review | none | kept (earlier resolution) | pending
    previous_row_hash: str | None = None
    entity_id: str | None = None
    new_entity: dict[str, Any] | None = None
    resolution: Decision | None = None
    matched_name: str | None = None


@dataclass
class _Existing:
    row_hash: str | None
    list_id: str
    ended: bool
    entity_id: str | None
    pending_review: bool
    name: str | None


def _Progress(total: int, label: str, enabled: bool | None = None) -> Meter:
    """The load's progress bar, `meter(n_rows)` (loaders/progress.py; rich)."""
    return Meter(total, label, enabled=enabled)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download_csl(url: str, out_dir: Path, timeout: float = 120.0) -> Path:
    """Fetch a CSL file (the official download, or any mirror) to out_dir; returns its path.

    Streams to a temporary name and renames when complete, so a broken download never looks
    like a file. The extension follows the content (JSON or CSV).
    """
    import httpx

    from graph.errors import SurvgraphError

    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = _now().strftime("%Y%m%dT%H%M%SZ")
    partial = out_dir / f"csl-{stamp}.part"
    try:
        with (
            httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response,
            partial.open("wb") as fh,
        ):
            response.raise_for_status()
            for chunk in response.iter_bytes():
                fh.write(chunk)
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise SurvgraphError(f"could not download {url}: {exc}") from exc
    from loaders.csl import detect_form

    final = partial.with_suffix("." + detect_form(partial))
    partial.replace(final)
    return final


def _merge_records(first: CslRecord, other: CslRecord) -> CslRecord:
    """Two rows of one entry (same list and number/_id): one entry with the union of the
    multi-valued fields; the first row's single values win."""

    def union(a: Sequence[str], b: Sequence[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*a, *b]))

    return replace(
        first,
        programs=union(first.programs, other.programs),
        addresses=union(first.addresses, other.addresses),
        countries=union(first.countries, other.countries),
        alt_names=union(first.alt_names, other.alt_names),
        dates_of_birth=union(first.dates_of_birth, other.dates_of_birth),
        nationalities=union(first.nationalities, other.nationalities),
    )


def _entry_id(info: ListInfo, record: CslRecord) -> str:
    return f"entry:{info.slug}:{entry_key(record)}"


def group_entries(records: Iterable[CslRecord]) -> tuple[dict[str, EntryPlan], int]:
    """Entry id -> plan; returns also how many rows were folded into an earlier row's entry."""
    plans: dict[str, EntryPlan] = {}
    folded = 0
    for record in records:
        info = list_for_source(record.source)
        eid = _entry_id(info, record)
        plan = plans.get(eid)
        if plan is None:
            plans[eid] = EntryPlan(eid, info, record, [record.row], "")
            continue
        folded += 1
        plan.rows.append(record.row)
        if record.content() != plan.record.content():
            plan.record = _merge_records(plan.record, record)
    for plan in plans.values():
        plan.row_hash = plan.record.row_hash()
    return plans, folded


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------


def _combine(decisions: Sequence[tuple[str, Decision]]) -> tuple[str, Decision | None, str | None]:
    """Name first, then alt names: one entity matched (by any form, with no other entity
    matched) -> match; two different entities matched, or only plausible ones -> review."""
    matched: dict[str, tuple[str, Decision]] = {}
    best_review: tuple[str, Decision] | None = None
    for name, decision in decisions:
        if decision.decision == "match" and decision.entity is not None:
            matched.setdefault(decision.entity.id, (name, decision))
        elif decision.decision == "review" and (
            best_review is None or decision.score > best_review[1].score
        ):
            best_review = (name, decision)
    if len(matched) == 1:
        name, decision = next(iter(matched.values()))
        return "match", decision, name
    if len(matched) > 1:
        # The forms of one row point at different entities: a human decides.
        name, decision = max(matched.values(), key=lambda nd: nd[1].score)
        return "review", decision, name
    if best_review is not None:
        return "review", best_review[1], best_review[0]
    return "none", None, None


def plan_resolution(
    plans: Iterable[EntryPlan],
    resolve: Callable[[str, tuple[str, ...]], Decision],
    resolve_persons: bool = True,
    cache: dict[tuple[str, tuple[str, ...]], Decision] | None = None,
    new_nodes: dict[tuple[str, ...], str] | None = None,
) -> Counter[str]:
    """Fill decision/entity_id/new_entity of each plan that still needs resolving.

    `cache` and `new_nodes` carry state across calls when a load resolves batch by batch.
    """
    counts: Counter[str] = Counter()
    cache = {} if cache is None else cache
    new_nodes = {} if new_nodes is None else new_nodes

    def cached(name: str, labels: tuple[str, ...]) -> Decision:
        key = (normalize(name), labels)
        found = cache.get(key)
        if found is None:
            found = resolve(name, labels)
            cache[key] = found
        return found

    for plan in plans:
        if plan.decision in ("kept", "pending"):
            counts[plan.decision] += 1
            continue
        record = plan.record
        person = record.is_person
        labels = PERSON_LABELS if person else COMPANY_LABELS
        if person and not resolve_persons:
            kind, decision, via = "none", None, None
        else:
            names = [record.name, *record.alt_names]
            kind, decision, via = _combine([(n, cached(n, labels)) for n in names])
        plan.decision = kind
        plan.resolution = decision
        plan.matched_name = via
        counts[kind] += 1
        if kind == "match" and decision is not None and decision.entity is not None:
            plan.entity_id = decision.entity.id
        elif kind == "none":
            prefix = "person" if person else "company"
            key = _new_entity_key(record)
            entity_id = new_nodes.get(key)
            if entity_id is None:
                # A function of the key alone, never of which row came first: a rerun
                # after a kill may meet the key first on a later row of the same entity.
                entity_id = model.entity_id(NEW_ENTITY_LABELS[prefix], key[1], "|".join(key))
                new_nodes[key] = entity_id
                plan.new_entity = _new_entity(entity_id, NEW_ENTITY_LABELS[prefix], record)
            plan.entity_id = entity_id
    return counts


def _new_entity_key(record: CslRecord) -> tuple[str, ...]:
    """Within one load, rows naming the same thing land on one node: normalised name +
    country; for people also the dates of birth (two namesakes are two people)."""
    norm = normalize(record.name) or record.name.casefold()
    if record.is_person:
        return ("person", norm, record.country or "", ";".join(sorted(record.dates_of_birth)))
    return ("company", norm, record.country or "")


def _new_entity(entity_id: str, label: str, record: CslRecord) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": entity_id,
        "name": record.name,
        "aliases": list(record.alt_names),
        "country": record.country,
        "origin": "csl",
    }
    if record.type and record.type not in ("Entity", "Individual"):
        props["csl_type"] = record.type
    if record.is_person and record.dates_of_birth:
        props["dates_of_birth"] = list(record.dates_of_birth)
    return {"id": entity_id, "label": label, "props": props}


# ---------------------------------------------------------------------------------------------
# Rows for Cypher
# ---------------------------------------------------------------------------------------------


def _entry_row(plan: EntryPlan) -> dict[str, Any]:
    r = plan.record
    return {
        "id": plan.id,
        "list_id": plan.list_info.id,
        "previous_row_hash": plan.previous_row_hash,
        "props": {
            "name": r.name,
            "alt_names": list(r.alt_names),
            "type": r.type,
            "programs": list(r.programs),
            "addresses": list(r.addresses),
            "countries": list(r.countries),
            "federal_register_notice": r.federal_register_notice,
            "start_date": r.start_date,
            "end_date": r.end_date,
            "entity_number": r.entity_number,
            "csl_id": r.uid,
            "title": r.title,
            "remarks": r.remarks,
            "source": r.source,
            "source_list_url": r.source_list_url,
            "source_information_url": r.source_information_url,
            "row_hash": plan.row_hash,
            "rows": plan.rows,
            "until": r.end_date,
        },
    }


def _listed_on_props(plan: EntryPlan, source_id: str) -> dict[str, Any]:
    r = plan.record
    return {
        "since": r.start_date,
        "since_precision": "day" if r.start_date else None,
        "decided_from": model.decided_from(r.start_date, "day" if r.start_date else None),
        "effective": r.start_date,
        "until": r.end_date,
        "until_precision": "day" if r.end_date else None,
        "citation": r.federal_register_notice,
        "name_as_listed": r.name,
        "programs": list(r.programs),
        "entry_id": plan.id,
        "source_ids": [source_id],
        "origin": "csl",
        "ended_by_run": None,
        "end_reason": None,
    }


def _listed_on_row(plan: EntryPlan, source_id: str) -> dict[str, Any]:
    assert plan.entity_id is not None
    decision = plan.resolution
    props = _listed_on_props(plan, source_id)
    row: dict[str, Any] = {
        "entity_id": plan.entity_id,
        "list_id": plan.list_info.id,
        "fact_id": fact_id("LISTED_ON", plan.entity_id, plan.list_info.id, plan.id),
        **{k: v for k, v in props.items() if k not in ("source_ids", "origin")},
        "decision": None,
        "score": None,
        "alias": None,
        "input": None,
    }
    if plan.decision == "match" and decision is not None:
        row.update(
            decision="match",
            score=round(decision.score, 4),
            alias=decision.alias,
            input=plan.matched_name,
        )
    elif plan.decision == "none":
        row["decision"] = "new"
    elif plan.decision == "kept":
        row["decision"] = None  # keep what the earlier load (or a reviewer) recorded
    return row


def _review_row(plan: EntryPlan, source_id: str) -> dict[str, Any]:
    decision = plan.resolution
    name = plan.matched_name or plan.record.name
    candidates = [
        {"id": c.id, "name": c.name, "score": round(c.score, 4), "alias": c.alias,
         "labels": list(c.labels)}
        for c in (decision.candidates if decision is not None else ())
    ]  # fmt: skip
    explanation = decision.explanation if decision is not None else ""
    if name != plan.record.name:
        explanation = f"via alt name {name!r}: {explanation}"
    return {
        "id": "review:" + hashlib.sha1(plan.id.encode("utf-8")).hexdigest()[:20],
        "entry_id": plan.id,
        "props": {
            "kind": "csl_entry",
            "input": plan.record.name,
            "normalized_input": normalize(plan.record.name),
            "candidates_json": json.dumps(candidates, ensure_ascii=False),
            "explanation": explanation,
            "entry_id": plan.id,
            "list_id": plan.list_info.id,
            "proposed_type": "LISTED_ON",
            "proposed_end": plan.list_info.id,
            "proposed_props_json": json.dumps(
                _listed_on_props(plan, source_id), ensure_ascii=False
            ),
            "source_ids": [source_id],
            "origin": "csl",
            "history": [],
        },
    }


def _change_row(
    run_id: str, at: str, kind: str, entry_id: str, list_id: str, name: str | None,
    entity_id: str | None,
) -> dict[str, Any]:  # fmt: skip
    digest = hashlib.sha1(f"{run_id}|{entry_id}".encode()).hexdigest()[:20]
    return {
        "id": f"change:{digest}",
        "run_id": run_id,
        "at": at,
        "kind": kind,
        "entry_id": entry_id,
        "list_id": list_id,
        "name": name,
        "entity_id": entity_id,
    }


# ---------------------------------------------------------------------------------------------
# The load
# ---------------------------------------------------------------------------------------------


def _existing(graph: Graph, list_ids: Sequence[str]) -> dict[str, _Existing]:
    rows = graph.read("load/csl_existing_entries", timeout=300.0, list_ids=list(list_ids))
    return {
        row["id"]: _Existing(
            row["row_hash"], row["list_id"], bool(row["ended"]), row["entity_id"],
            bool(row["pending_review"]), row["name"],
        )
        for row in rows
    }  # fmt: skip


def load_csl(
    graph: Graph,
    path: Path,
    *,
    url: str | None = None,
    publisher_updated: str | None = None,
    form: Form | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
    resolver: GraphResolver | None = None,
    now: datetime | None = None,
    records: Iterable[CslRecord | Rejection] | None = None,
    sha256: str | None = None,
    source_props: Mapping[str, Any] | None = None,
) -> LoadReport:
    """Load one CSL file (CSV or JSON) into the graph; returns the report (not yet saved).

    `records` (with the input's `sha256` and `source_props` over the CSL Source's) loads rows
    another parser made in the CSL's terms, e.g. OFAC's own files (`loaders.ofac`).
    """
    from graph.schema import apply_schema

    started = now or _now()
    at = started.isoformat()
    report = LoadReport(loader="csl", source=url or str(path), started_at=at)
    timings: dict[str, float] = {}
    t0 = time.monotonic()

    # 1. parse
    sha = sha256 or file_sha256(path)
    source_id = f"source:csl-{sha[:16]}"
    run_id = f"run:csl-{started.strftime('%Y%m%dT%H%M%SZ')}-{sha[:8]}"
    parsed: list[CslRecord] = []
    for item in iter_csl(path, form) if records is None else records:
        if isinstance(item, Rejection):
            report.rejected.append(item)
        else:
            parsed.append(item)
    report.rows_read = len(parsed) + len(report.rejected)
    dates = publisher_dates(path, form) if records is None else {}
    plans, folded = group_entries(parsed)
    lists: dict[str, ListInfo] = {}
    entry_counts: Counter[str] = Counter()
    for plan in plans.values():
        lists.setdefault(plan.list_info.id, plan.list_info)
        entry_counts[plan.list_info.id] += 1
    unknown = sorted({info.name for info in lists.values() if not info.known})
    timings["parse_s"] = time.monotonic() - t0

    # 2. compare with earlier loads
    t1 = time.monotonic()
    apply_schema(graph)
    existing = _existing(graph, sorted(lists))
    for plan in plans.values():
        before = existing.get(plan.id)
        if before is None or before.ended:
            plan.change = "added"
        elif before.row_hash != plan.row_hash:
            plan.change = "modified"
            plan.previous_row_hash = before.row_hash
        if before is not None and before.entity_id is not None:
            plan.decision, plan.entity_id = "kept", before.entity_id
        elif before is not None and before.pending_review:
            plan.decision = "pending"
    ended_ids = [
        eid for eid, before in existing.items()
        if not before.ended and before.list_id in lists and eid not in plans
    ]  # fmt: skip
    timings["compare_s"] = time.monotonic() - t1

    # 3 + 4. resolve batch by batch, writing each resolved batch in a background thread while
    # the next one resolves (CPU here overlaps with the server's work); one writer, in order,
    # so a new entity is always committed before a later batch refers to it.
    from concurrent.futures import Future, ThreadPoolExecutor

    t2 = time.monotonic()
    resolver = resolver or GraphResolver(graph, exclude_source=source_id)
    # Individuals need resolving only when the index holds people; asked of the index, not
    # the graph, so people a killed run of this load created do not change the rerun.
    resolve_persons = any("Person" in entry.labels for entry in resolver.entries)
    timings["resolver_build_s"] = time.monotonic() - t2
    props = {**_source_props(path, url, sha, at, lists), **(source_props or {})}
    graph.write_rows("load/csl_write_source", [{"id": source_id, "props": props}])
    graph.write_rows(
        "load/csl_write_lists",
        [
            {
                "id": info.id,
                "name": info.name,
                "short_name": info.short_name,
                "authority": info.authority_name,
                "authority_id": info.authority_id,
                "administered_fact_id": fact_id(
                    "ADMINISTERED_BY", info.id, info.authority_id or ""
                ),
                "loaded_at": at,
                "entry_count": entry_counts[info.id],
                "publisher_updated": dates.get(info.id, publisher_updated),
                "snapshot_source_id": source_id,
                "csl_source": info.name if not info.known else None,
            }
            for info in lists.values()
        ],
    )
    ordered = list(plans.values())
    meter = _Progress(len(ordered), "csl load", enabled=progress)
    totals: Counter[str] = Counter()
    decisions: Counter[str] = Counter()
    created_entities: set[str] = set()
    cache: dict[tuple[str, tuple[str, ...]], Decision] = {}
    new_nodes: dict[tuple[str, ...], str] = {}
    resolve_time = 0.0
    t3 = time.monotonic()
    pending: Future[Counter[str]] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="csl-writer") as pool:
        for start in range(0, len(ordered), batch_size):
            batch = ordered[start : start + batch_size]
            r0 = time.monotonic()
            decisions.update(
                plan_resolution(
                    batch,
                    lambda name, labels: resolver.resolve(name, labels=labels),
                    resolve_persons=resolve_persons,
                    cache=cache,
                    new_nodes=new_nodes,
                )
            )
            resolve_time += time.monotonic() - r0
            new_entities = []
            for plan in batch:
                if plan.new_entity is not None and plan.new_entity["id"] not in created_entities:
                    created_entities.add(plan.new_entity["id"])
                    new_entities.append(plan.new_entity)
            work = _batch_work(batch, new_entities, run_id, source_id, at)
            if pending is not None:
                totals.update(pending.result())  # a failed batch stops the load here
            pending = pool.submit(graph.transaction, work, 300.0)
            meter(len(batch))
        if pending is not None:
            totals.update(pending.result())
    timings["resolve_s"] = resolve_time

    # 5. end what the file no longer has, record the run
    ended = 0
    if ended_ids:
        date_only = started.date().isoformat()
        for start in range(0, len(ended_ids), batch_size):
            chunk = ended_ids[start : start + batch_size]
            changes = [
                _change_row(run_id, at, "ended", eid, existing[eid].list_id,
                            existing[eid].name, existing[eid].entity_id)
                for eid in chunk
            ]  # fmt: skip
            ended += graph.transaction(
                _end_work(chunk, changes, run_id, at, date_only), timeout=300.0
            )
    timings["resolve_and_write_s"] = time.monotonic() - t3

    change_counts = Counter(p.change for p in plans.values() if p.change)
    finished = _now()
    run_props = {
        "loader": "csl",
        "file": str(path),
        "url": url,
        "sha256": sha,
        "source_id": source_id,
        "started_at": at,
        "finished_at": finished.isoformat(),
        "lists": sorted(lists),
        "rows": report.rows_read,
        "entries": len(plans),
        "added": change_counts["added"],
        "modified": change_counts["modified"],
        "ended": ended,
        "rejected": len(report.rejected),
    }
    graph.write("load/csl_load_run", id=run_id, props=run_props, source_id=source_id)

    report.entities_created = totals["entities_created"]
    report.entities_merged = sum(1 for p in plans.values() if p.decision in ("match", "kept"))
    report.relationships_created = totals["relationships_created"]
    report.relationships_total = totals["listed_on_written"]
    report.sent_to_review = sum(1 for p in plans.values() if p.decision == "review")
    report.extra.update(
        {
            "run_id": run_id,
            "snapshot_source_id": source_id,
            "sha256": sha,
            "entries": len(plans),
            "rows_folded_into_entries": folded,
            "lists": {lid: entry_counts[lid] for lid in sorted(lists)},
            "unknown_sources": unknown,
            "decisions": dict(decisions),
            "entries_created": totals["entries_created"],
            "review_items_created": totals["reviews_created"],
            "changes": {
                "added": change_counts["added"],
                "modified": change_counts["modified"],
                "ended": ended,
            },
            "nodes_created": totals["nodes_created"],
            "timings_s": {k: round(v, 2) for k, v in timings.items()},
        }
    )
    report.finish()
    return report


def _source_props(
    path: Path, url: str | None, sha: str, at: str, lists: Mapping[str, ListInfo]
) -> dict[str, Any]:
    names = ", ".join(sorted(info.short_name for info in lists.values()))
    return {
        "title": f"Consolidated Screening List (trade.gov) snapshot {sha[:12]} ({names})",
        "publisher": CSL_PUBLISHER,
        "kind": "dataset",
        "url": url or CSL_URL,
        "file_name": path.name,
        "date": at[:10],
        "retrieved": at,
        "sha256": sha,
    }


def _batch_work(
    batch: Sequence[EntryPlan],
    new_entities: Sequence[Mapping[str, Any]],
    run_id: str,
    source_id: str,
    at: str,
) -> Callable[[Tx], Counter[str]]:
    """Everything one batch of entries writes, as one transaction."""
    entries = [_entry_row(p) for p in batch]
    listed = [_listed_on_row(p, source_id) for p in batch if p.entity_id is not None]
    reviews = [_review_row(p, source_id) for p in batch if p.decision == "review"]
    changes = [
        _change_row(run_id, at, p.change, p.id, p.list_info.id, p.record.name, p.entity_id)
        for p in batch if p.change
    ]  # fmt: skip

    def work(tx: Tx) -> Counter[str]:
        figures: Counter[str] = Counter()
        params = {"run_id": run_id, "source_id": source_id, "at": at}
        steps = (
            ("load/csl_write_entries", entries, "entries_created"),
            ("load/csl_write_entities", list(new_entities), "entities_created"),
            ("load/csl_write_listed_on", listed, None),
            ("load/csl_write_reviews", reviews, "reviews_created"),
            ("load/changes_write", changes, None),
        )
        for name, rows, created_key in steps:
            if not rows:
                continue
            counters = run_rows(tx, name, rows, **params)
            figures["nodes_created"] += counters.nodes_created
            figures["relationships_created"] += counters.relationships_created
            if created_key:
                figures[created_key] += counters.nodes_created
        figures["listed_on_written"] += len(listed)
        return figures

    return work


def _end_work(
    entry_ids: Sequence[str],
    changes: Sequence[Mapping[str, Any]],
    run_id: str,
    at: str,
    date_only: str,
) -> Callable[[Tx], int]:
    def work(tx: Tx) -> int:
        rows = [{"id": e} for e in entry_ids]
        result = run(tx, "load/csl_end_entries", rows=rows, run_id=run_id, at=at, date=date_only)
        run_rows(tx, "load/changes_write", changes)
        return int(result[0]["ended"]) if result else 0

    return work
