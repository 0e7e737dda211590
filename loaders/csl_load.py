"""Loads a Consolidated Screening List file, through the load pipeline every loader shares:
records -> resolution plan -> rows -> one batching writer -> proposals -> load report.

What is specific to the CSL:

1. parse (`loaders.csl`): records and rejections; rows of one entry (the Entity List repeats an
   entity once per country) are folded into one entry;
2. change detection: compare with the entries earlier CSL loads left on the same lists: added,
   modified (row hash changed), ended (absent from this file; only lists present in the file
   are compared); an entry an earlier load resolved keeps its entity, one in review stays so;
3. resolve the other entries (`loaders.resolution.plan_names`: name, then each alt name):
   match -> LISTED_ON on the existing entity; none -> a new Company or Person node (one per
   normalised name + country within the load); review -> a pending ReviewItem holding the
   LISTED_ON that accepting it would create, and no LISTED_ON;
4. the entry, its new entity, its LISTED_ON, its review item and its change record are one
   record's rows for `graph.writer.BatchWriter` (one transaction per batch); then the absent
   entries are ended and the LoadRun recorded.

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
from enum import StrEnum
from pathlib import Path
from typing import Any

from graph import model
from graph.db import Graph
from graph.model import change_id, fact_id
from graph.writer import BatchWriter, write_batches
from loaders.claims import write_claims
from loaders.csl import CslRecord, Form, entry_key, iter_csl, publisher_dates
from loaders.heap import LoadHeap
from loaders.lists import ListInfo, list_for_source
from loaders.progress import Meter
from loaders.report import LoadReport, Rejection
from loaders.resolution import (
    ENTITY_PLACEHOLDER,
    THING_LABELS,
    Evidence,
    Judgement,
    LoadIndex,
    LoadRecord,
    NamePlan,
    Proposal,
    RecordDecision,
    aliases_in,
    candidates_of,
    identifiers_in,
    places_of,
    programme_countries,
    review_id,
)
from loaders.statements import with_subject

__all__ = ["CSL_PUBLISHER", "EntryPlan", "download_csl", "load_csl", "resolve_entries"]

CSL_PUBLISHER = "International Trade Administration, US Department of Commerce"
CSL_URL = "https://www.trade.gov/consolidated-screening-list"
BATCH_SIZE = 2000
# Labels this loader creates; fixed here, never taken from input (graph.writer whitelists
# the curated ones the same way).
NEW_ENTITY_LABELS = {"company": "Company", "person": "Person"}
COMPANY_LABELS = ("Company", "GovernmentBody")
PERSON_LABELS = ("Person",)
# One record's rows, in the order they commit (an entry before what points at it).
STATEMENTS = (
    "load/csl_write_entries",
    "load/csl_write_entities",
    "load/csl_write_listed_on",
    "load/csl_write_judgements",
    "review/upsert",
    "load/changes_write",
)
END_STATEMENTS = ("load/csl_end_entries", "load/changes_write")


class Earlier(StrEnum):
    """What an earlier load of the same lists already settled for an entry."""

    RESOLVED = "kept"  # it resolved the entry (or a reviewer did): the entity stays
    IN_REVIEW = "pending"  # the entry waits in the review queue: nothing is decided again


@dataclass
class EntryPlan:
    """One list entry of this file and what the load will do with it."""

    id: str
    list_info: ListInfo
    record: CslRecord
    rows: list[int]
    row_hash: str
    change: str | None = None  # added | modified | None (unchanged)
    earlier: Earlier | None = None
    names: NamePlan | None = None  # this load's resolution, when nothing earlier settled it
    previous_row_hash: str | None = None
    entity_id: str | None = None
    new_entity: dict[str, Any] | None = None
    decided: RecordDecision | None = None
    left_entity: str | None = None  # dedupe: the entity an earlier load made for it

    @property
    def outcome(self) -> str:
        """For the report: match, review, none, kept or pending."""
        if self.earlier is not None:
            return self.earlier.value
        return self.names.judgement.value if self.names else Judgement.NONE.value


@dataclass
class _Existing:
    row_hash: str | None
    list_id: str
    ended: bool
    entity_id: str | None
    pending_review: bool
    name: str | None


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
# Change detection (what earlier loads of these lists left)
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


def compare_with_earlier(
    plans: Mapping[str, EntryPlan], existing: Mapping[str, _Existing], lists: Iterable[str]
) -> list[str]:
    """Mark each plan added / modified and what an earlier load settled; returns the ids of
    the entries of these lists that this file no longer has (to be ended)."""
    for plan in plans.values():
        before = existing.get(plan.id)
        if before is None or before.ended:
            plan.change = "added"
        elif before.row_hash != plan.row_hash:
            plan.change = "modified"
            plan.previous_row_hash = before.row_hash
        if before is not None and before.entity_id is not None:
            plan.earlier, plan.entity_id = Earlier.RESOLVED, before.entity_id
        elif before is not None and before.pending_review:
            plan.earlier = Earlier.IN_REVIEW
    in_file = set(lists)
    return [
        eid for eid, before in existing.items()
        if not before.ended and before.list_id in in_file and eid not in plans
    ]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------


def load_record(plan: EntryPlan) -> LoadRecord:
    """An entry as the load's index sees it: its names as the list writes them (the name,
    the alt names, the remarks' alias lines) and its evidence."""
    r = plan.record
    names = load_record_names(r)
    own = "Person" if r.is_person else "Company"
    labels: tuple[str, ...] = PERSON_LABELS if r.is_person else COMPANY_LABELS
    thing = THING_LABELS.get((r.type or "").casefold())
    if thing is not None:
        own, labels = thing, (thing,)
    elif not r.type:
        # Lists that mix people and organisations without saying which (the Entity List,
        # ISN, DPL, DTC): such a row may be either, and a person needs a rare full name.
        labels = (*COMPANY_LABELS, *PERSON_LABELS)
    return LoadRecord(plan.id, names, labels, own, record_evidence(r), plan.list_info.id)


def load_record_names(r: CslRecord) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in (r.name, *r.alt_names, *aliases_in(r.remarks)) if n))


def record_evidence(r: CslRecord) -> Evidence:
    identifiers = identifiers_in(r.remarks)
    # OFAC rows carry no address: their identifiers' issuing countries stand in.
    issuers = frozenset(c for _, _, c in identifiers if c)
    countries = frozenset(c.upper() for c in r.countries) | issuers
    kind = r.type.casefold() if r.type else None
    hinted = programme_countries(r.programs)
    return Evidence(countries, identifiers, places_of(r.addresses), kind, hinted)


def resolve_entries(plans: Iterable[EntryPlan], index: LoadIndex | None) -> None:
    """Decide each plan in file order; what an earlier load settled is settled again in the
    index so the records after it meet it (the report counts `plan.outcome`). With no
    index, nothing is resolved: each entry not settled before gets an entity of its own."""
    for plan in plans:
        if index is None:
            if plan.earlier is None:
                plan.names = NamePlan(Judgement.NONE)
                _new_entity_for(plan)
            continue
        record = index.records[plan.id]
        if plan.earlier is Earlier.RESOLVED:
            index.settle(record, plan.entity_id)
        elif plan.earlier is Earlier.IN_REVIEW:
            index.settle(record, None)
        else:
            _resolve_entry(plan, record, index)


def _resolve_entry(plan: EntryPlan, record: LoadRecord, index: LoadIndex) -> None:
    decided = index.resolve(record)
    plan.names, plan.decided = decided.plan, decided
    if decided.judgement is Judgement.MATCH:
        plan.entity_id = decided.plan.entity_id
    elif decided.judgement is Judgement.NONE:
        _new_entity_for(plan)
    index.settle(record, plan.entity_id)


def _new_entity_for(plan: EntryPlan) -> None:
    """A new entity for an entry no entity and no earlier record is: its id is a function of
    the entry alone, so a rerun after a kill gives it the same id."""
    record = plan.record
    label = "Person" if record.is_person else "Company"
    plan.entity_id = model.entity_id(label, record.name, plan.id)
    plan.new_entity = _new_entity(plan.entity_id, label, record)


def _new_entity(entity_id: str, label: str, record: CslRecord) -> dict[str, Any]:
    evidence = record_evidence(record)
    props: dict[str, Any] = {
        "id": entity_id,
        "name": record.name,
        "aliases": [n for n in load_record_names(record) if n != record.name],
        "country": record.country,
        "countries": sorted(evidence.countries),
        "identifiers": sorted(f"{s}:{v}:{c}" for s, v, c in evidence.identifiers),
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


@dataclass(frozen=True)
class Run:
    """The load run every row cites."""

    run_id: str
    source_id: str
    at: str


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
    precision = "day" if r.start_date else None
    return {
        "since": r.start_date,
        "since_precision": precision,
        "decided_from": model.decided_from(r.start_date, precision),
        "effective": r.start_date,
        "until": r.end_date,
        "until_precision": "day" if r.end_date else None,
        "citation": r.federal_register_notice,
        "name_as_listed": r.extra.get("listed_as") or r.name,
        "programs": list(r.programs),
        "note": r.extra.get("note"),
        "aliases_as_listed": list(r.alt_names),
        "previous_names": [n for n in (r.extra.get("previous_names") or "").split("; ") if n],
        "entry_id": plan.id,
        "source_ids": [source_id],
        "origin": "csl",
        "ended_by_run": None,
        "end_reason": None,
    }


def listed_on_row(plan: EntryPlan, source_id: str) -> dict[str, Any]:
    assert plan.entity_id is not None
    props = _listed_on_props(plan, source_id)
    row: dict[str, Any] = {
        "entity_id": plan.entity_id,
        "list_id": plan.list_info.id,
        "fact_id": fact_id("LISTED_ON", plan.entity_id, plan.list_info.id, plan.id),
        **{k: v for k, v in props.items() if k not in ("source_ids", "origin")},
        # An earlier load's (or a reviewer's) record of how the entry resolved is kept.
        "decision": None,
        "score": None,
        "alias": None,
        "input": None,
        "review_id": None,
    }
    names = plan.names
    if names is not None and names.judgement is Judgement.MATCH and names.decision:
        row.update(
            decision="match",
            score=round(names.decision.score, 4),
            alias=names.decision.alias,
            input=names.via,
            review_id=review_id("csl_entry", plan.record.name, plan.id),
        )
    elif names is not None and names.judgement is Judgement.NONE:
        row["decision"] = "new"
    # Why the entry landed where it did, a merge's and a new entity's alike ("why not one?").
    row["explanation"] = plan.decided.explanation if plan.decided is not None else None
    return row


def _proposal(plan: EntryPlan, source_id: str) -> Proposal:
    """The review item of an entry the resolver doubted: the LISTED_ON it holds back."""
    decision = plan.names.decision if plan.names else None
    explanation = plan.decided.explanation if plan.decided is not None else ""
    fact = {
        "type": "LISTED_ON",
        "start": ENTITY_PLACEHOLDER,
        "end": plan.list_info.id,
        "key": plan.id,
        "props": _listed_on_props(plan, source_id),
    }
    extra = {"entry_id": plan.id, "list_id": plan.list_info.id, "origin": "csl",
             "source_ids": [source_id]}  # fmt: skip
    return Proposal(
        kind="csl_entry", input=plan.record.name, about_id=plan.id, context=plan.id,
        candidates=candidates_of(decision), explanation=explanation, facts=[fact], extra=extra,
    )  # fmt: skip


RESOLVER = "survgraph resolver"


def judgement_row(plan: EntryPlan, run: Run) -> dict[str, Any]:
    """The recorded judgement of an entry that joined an entity already there (in the graph,
    or made by an earlier record of this load): accepted by the resolver, with its evidence,
    and reversible with `survgraph review undo` like a person's accept."""
    assert plan.entity_id is not None and plan.decided is not None
    record = plan.record
    proposal = _proposal(plan, run.source_id)
    label = "Person" if record.is_person else "Company"
    own_id = plan.left_entity or model.entity_id(label, record.name, plan.id)
    proposal.new_entity = _new_entity(own_id, label, record)
    row = proposal.row()
    weighing = plan.decided.weighing
    rule = "names" if weighing is None or not weighing.shared_identifier else "names + identifier"
    row["props"].update(
        status="accepted", decision="match", chosen_id=plan.entity_id, decided_by=RESOLVER,
        decided_at=run.at, rule=rule, evidence=weighing.text() if weighing else None,
        score=round(plan.decided.plan.decision.score, 4) if plan.decided.plan.decision else None,
        applied_fact_ids=[fact_id("LISTED_ON", plan.entity_id, plan.list_info.id, plan.id)],
        joined_record_of_load=plan.decided.on_record,
    )  # fmt: skip
    event = {"action": "accept", "by": RESOLVER, "at": run.at, "chosen_id": plan.entity_id,
             "rule": rule}  # fmt: skip
    row.update(
        entity_id=plan.entity_id,
        entry_id=plan.id,
        names=list(load_record_names(record)),
        as_person=plan.decided.as_person,
        event=json.dumps(event, ensure_ascii=False),
    )
    return row


def _change_row(
    run: Run, kind: str, entry_id: str, list_id: str, name: str | None, entity_id: str | None
) -> dict[str, Any]:
    return {
        "id": change_id(run.run_id, entry_id),
        "run_id": run.run_id,
        "at": run.at,
        "kind": kind,
        "entry_id": entry_id,
        "list_id": list_id,
        "name": name,
        "entity_id": entity_id,
    }


def plan_rows(plan: EntryPlan, run: Run) -> dict[str, list[dict[str, Any]]]:
    """Everything one entry writes, by statement (one record for the batching writer)."""
    rows: dict[str, list[dict[str, Any]]] = {"load/csl_write_entries": [_entry_row(plan)]}
    if plan.new_entity is not None:  # only the first entry of a new entity's key has it
        rows["load/csl_write_entities"] = [plan.new_entity]
    if plan.entity_id is not None:
        rows["load/csl_write_listed_on"] = [listed_on_row(plan, run.source_id)]
    if plan.outcome == Judgement.REVIEW:
        rows["review/upsert"] = [_proposal(plan, run.source_id).row()]
    if plan.outcome == Judgement.MATCH:
        rows["load/csl_write_judgements"] = [judgement_row(plan, run)]
    if plan.change:
        change = _change_row(
            run, plan.change, plan.id, plan.list_info.id, plan.record.name, plan.entity_id
        )
        rows["load/changes_write"] = [change]
    return rows


# ---------------------------------------------------------------------------------------------
# The load
# ---------------------------------------------------------------------------------------------


@dataclass
class Parsed:
    """A CSL file read: its entries, rejections, and what the file says of its lists."""

    path: Path
    sha: str
    plans: dict[str, EntryPlan]
    rejected: list[Rejection]
    rows_read: int
    folded: int
    dates: dict[str, str]
    lists: dict[str, ListInfo]
    entry_counts: Counter[str]


def parse(
    path: Path,
    form: Form | None = None,
    records: Iterable[CslRecord | Rejection] | None = None,
    sha256: str | None = None,
) -> Parsed:
    """The file read (or `records` another parser made of it, in the CSL's terms)."""
    kept: list[CslRecord] = []
    rejected: list[Rejection] = []
    for item in iter_csl(path, form) if records is None else records:
        if isinstance(item, Rejection):
            rejected.append(item)
        else:
            kept.append(with_subject(item))
    plans, folded = group_entries(kept)
    lists: dict[str, ListInfo] = {}
    entry_counts: Counter[str] = Counter()
    for plan in plans.values():
        lists.setdefault(plan.list_info.id, plan.list_info)
        entry_counts[plan.list_info.id] += 1
    dates = publisher_dates(path, form) if records is None else {}
    return Parsed(
        path, sha256 or file_sha256(path), plans, rejected, len(kept) + len(rejected), folded,
        dates, lists, entry_counts,
    )  # fmt: skip


def load_csl(
    graph: Graph,
    path: Path,
    *,
    url: str | None = None,
    publisher_updated: str | None = None,
    form: Form | None = None,
    batch_size: int = BATCH_SIZE,
    progress: bool | None = None,
    now: datetime | None = None,
    records: Iterable[CslRecord | Rejection] | None = None,
    sha256: str | None = None,
    source_props: Mapping[str, Any] | None = None,
    resolve: bool = True,
    end_absent: bool = True,
) -> LoadReport:
    """Load one CSL file (CSV or JSON) into the graph; returns the report (not yet saved).

    `records` (with the input's `sha256` and `source_props` over the CSL Source's) loads rows
    another parser made in the CSL's terms, e.g. OFAC's own files (`loaders.ofac`).
    `resolve=False` writes every entry on an entity of its own, through the same statements:
    the benchmark's measure of what resolution costs (`bench/bench_csl_load.py`), never a
    way to load a list for use.
    `end_absent=False` for a file that states its own ends and is not the whole list (the
    1260H tranches): its absent entries are not ended by it. After the entries, the
    relationships they state are written as claims (`loaders.claims`).
    """
    from graph.schema import apply_schema

    with LoadHeap() as heap:
        started = now or _now()
        timings: dict[str, float] = {}
        t0 = time.monotonic()
        parsed = parse(path, form, records, sha256)
        run = Run(
            f"run:csl-{started.strftime('%Y%m%dT%H%M%SZ')}-{parsed.sha[:8]}",
            f"source:csl-{parsed.sha[:16]}",
            started.isoformat(),
        )
        timings["parse_s"] = time.monotonic() - t0
        t1 = time.monotonic()
        apply_schema(graph)
        existing = _existing(graph, sorted(parsed.lists))
        ended_ids = compare_with_earlier(parsed.plans, existing, parsed.lists)
        timings["compare_s"] = time.monotonic() - t1
        t2 = time.monotonic()
        ordered = list(parsed.plans.values())
        index = None
        if resolve:
            own = [load_record(plan) for plan in ordered]
            index = LoadIndex(graph, own, exclude_source=run.source_id)
        heap.built()
        timings["resolver_build_s"] = time.monotonic() - t2
        _write_source_and_lists(graph, parsed, run, url, publisher_updated, source_props)
        t3 = time.monotonic()
        meter = Meter(len(parsed.plans), "csl load", enabled=progress)
        written = _resolve_and_write(
            graph, ordered, run, index, batch_size, meter, timings, heap.settled
        )
        ended = (
            _end_absent(graph, ended_ids, existing, run, started, batch_size) if end_absent else 0
        )
        timings["resolve_and_write_s"] = time.monotonic() - t3
        t4 = time.monotonic()
        claims = write_claims(graph, parsed.plans.values(), run, batch_size)
        timings["claims_s"] = time.monotonic() - t4
        _record_run(graph, parsed, run, url, ended)
        report = _report(parsed, run, url, written, ended, timings)
        report.extra["claims"] = claims.as_dict()
        report.relationships_created += claims.relationships_created
        return report


def _resolve_and_write(
    graph: Graph,
    ordered: Sequence[EntryPlan],
    run: Run,
    index: LoadIndex | None,
    batch_size: int,
    meter: Callable[[int], None],
    timings: dict[str, float],
    settled: Callable[[], None],
) -> BatchWriter:
    """Resolve batch by batch while the writer's thread commits the previous batch;
    `settled` after each batch (`LoadHeap.settled`)."""
    resolve_time = 0.0
    params = {"run_id": run.run_id, "source_id": run.source_id, "at": run.at}
    with BatchWriter(
        graph, STATEMENTS, batch_size, params, background=True, progress=meter
    ) as writer:
        for start in range(0, len(ordered), batch_size):
            batch = ordered[start : start + batch_size]
            r0 = time.monotonic()
            resolve_entries(batch, index)
            resolve_time += time.monotonic() - r0
            for plan in batch:
                writer.add(plan_rows(plan, run))
            settled()
    timings["resolve_s"] = resolve_time
    return writer


def _write_source_and_lists(
    graph: Graph,
    parsed: Parsed,
    run: Run,
    url: str | None,
    publisher_updated: str | None,
    source_props: Mapping[str, Any] | None,
) -> None:
    props = {**_source_props(parsed, url, run.at), **(source_props or {})}
    source = {"id": run.source_id, "props": props}
    write_batches(graph, "load/csl_write_source", [source])
    lists = [_list_row(info, parsed, run, publisher_updated) for info in parsed.lists.values()]
    write_batches(graph, "load/csl_write_lists", lists)


def _list_row(
    info: ListInfo, parsed: Parsed, run: Run, publisher_updated: str | None
) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "short_name": info.short_name,
        "authority": info.authority_name,
        "authority_id": info.authority_id,
        "administered_fact_id": fact_id("ADMINISTERED_BY", info.id, info.authority_id or ""),
        "loaded_at": run.at,
        "entry_count": parsed.entry_counts[info.id],
        "publisher_updated": parsed.dates.get(info.id, publisher_updated),
        "snapshot_source_id": run.source_id,
        "csl_source": info.name if not info.known else None,
    }


def _end_absent(
    graph: Graph,
    ended_ids: Sequence[str],
    existing: Mapping[str, _Existing],
    run: Run,
    started: datetime,
    batch_size: int,
) -> int:
    """End what the file no longer has (never deleted), with a change record each."""
    params = {"run_id": run.run_id, "at": run.at, "date": started.date().isoformat()}
    with BatchWriter(graph, END_STATEMENTS, batch_size, params) as writer:
        for eid in ended_ids:
            before = existing[eid]
            change = _change_row(run, "ended", eid, before.list_id, before.name, before.entity_id)
            writer.add({"load/csl_end_entries": [{"id": eid}], "load/changes_write": [change]})
    return sum(int(row["ended"]) for row in writer.returned["load/csl_end_entries"])


def _record_run(graph: Graph, parsed: Parsed, run: Run, url: str | None, ended: int) -> None:
    changes = Counter(p.change for p in parsed.plans.values() if p.change)
    props = {
        "loader": "csl",
        "file": str(parsed.path),
        "url": url,
        "sha256": parsed.sha,
        "source_id": run.source_id,
        "started_at": run.at,
        "finished_at": _now().isoformat(),
        "lists": sorted(parsed.lists),
        "rows": parsed.rows_read,
        "entries": len(parsed.plans),
        "added": changes["added"],
        "modified": changes["modified"],
        "ended": ended,
        "rejected": len(parsed.rejected),
    }
    graph.write("load/csl_load_run", id=run.run_id, props=props, source_id=run.source_id)


def _report(
    parsed: Parsed,
    run: Run,
    url: str | None,
    writer: BatchWriter,
    ended: int,
    timings: Mapping[str, float],
) -> LoadReport:
    plans = parsed.plans.values()
    outcomes = Counter(p.outcome for p in plans)
    changes = Counter(p.change for p in plans if p.change)
    report = LoadReport(loader="csl", source=url or str(parsed.path), started_at=run.at)
    report.rows_read = parsed.rows_read
    report.rejected.extend(parsed.rejected)
    report.entities_created = writer.created("load/csl_write_entities")
    report.entities_merged = outcomes["match"] + outcomes["kept"]
    report.relationships_created = writer.counts["relationships_created"]
    report.relationships_total = writer.counts["load/csl_write_listed_on:rows"]
    report.sent_to_review = outcomes["review"]
    report.extra.update(
        {
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
            "judgements_recorded": writer.created("load/csl_write_judgements"),
            "entries_created": writer.created("load/csl_write_entries"),
            "review_items_created": writer.created("review/upsert"),
            "changes": {
                "added": changes["added"],
                "modified": changes["modified"],
                "ended": ended,
            },
            "nodes_created": writer.counts["nodes_created"],
            "timings_s": {k: round(v, 2) for k, v in timings.items()},
        }
    )
    report.finish()
    return report


def _source_props(parsed: Parsed, url: str | None, at: str) -> dict[str, Any]:
    names = ", ".join(sorted(info.short_name for info in parsed.lists.values()))
    sha = parsed.sha
    return {
        "title": f"Consolidated Screening List (trade.gov) snapshot {sha[:12]} ({names})",
        "publisher": CSL_PUBLISHER,
        "kind": "dataset",
        "url": url or CSL_URL,
        "file_name": parsed.path.name,
        "date": at[:10],
        "retrieved": at,
        "sha256": sha,
    }
