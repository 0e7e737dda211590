"""A list file's entries: read and grouped, compared with what earlier loads left, resolved.

1. `parse`: the source's records and rejections; rows of one entry (the Entity List repeats an
   entity once per country) fold into one entry, whose name may state a parent
   (`statements.with_subject`);
2. `compare_with_earlier`: against the entries earlier loads left on the same lists: added,
   modified (row hash changed), and the ids of the entries this edition no longer has; an entry
   an earlier load resolved keeps its entity, one in review stays so;
3. `resolve_entries`: the other entries, in file order, against the graph and the entries
   before them (`loaders.resolution.LoadIndex`): match -> the existing entity; none -> a new
   Company or Person; review -> held back for a person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from graph import model
from graph.db import Graph
from loaders.pipeline.provenance import input_digest
from loaders.pipeline.statements import with_subject
from loaders.plumbing.report import Rejection
from loaders.resolution import (
    THING_LABELS,
    Evidence,
    Judgement,
    LoadIndex,
    LoadRecord,
    NamePlan,
    RecordDecision,
    aliases_in,
    identifiers_in,
    places_of,
    programme_countries,
)
from loaders.sources import ListInfo, ListRecord, ListSource, entry_key

__all__ = [
    "Earlier",
    "EntryPlan",
    "Existing",
    "Parsed",
    "compare_with_earlier",
    "group_entries",
    "load_record",
    "new_entity",
    "parse",
    "read_existing",
    "record_names",
    "resolve_entries",
]

COMPANY_LABELS = ("Company", "GovernmentBody")
PERSON_LABELS = ("Person",)


class Earlier(StrEnum):
    """What an earlier load of the same lists already settled for an entry."""

    RESOLVED = "kept"  # it resolved the entry (or a reviewer did): the entity stays
    IN_REVIEW = "pending"  # the entry waits in the review queue: nothing is decided again


@dataclass
class EntryPlan:
    """One list entry of this file and what the load will do with it."""

    id: str
    list_info: ListInfo
    record: ListRecord
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


@dataclass(frozen=True)
class Existing:
    """An entry an earlier load recorded on one of this file's lists."""

    row_hash: str | None
    list_id: str
    ended: bool
    entity_id: str | None
    pending_review: bool
    name: str | None


@dataclass
class Parsed:
    """A list file read: its entries, rejections, and what the file says of its lists."""

    path: Path
    sha: str
    plans: dict[str, EntryPlan]
    rejected: list[Rejection]
    rows_read: int
    folded: int
    dates: Mapping[str, str]
    lists: dict[str, ListInfo]
    entry_counts: Counter[str]


def parse(source: ListSource, path: Path) -> Parsed:
    """The source's records of the file, grouped into entries."""
    kept: list[ListRecord] = []
    rejected: list[Rejection] = []
    for item in source.records(path):
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
    rows = len(kept) + len(rejected)
    dates = source.publisher_dates(path)
    return Parsed(
        path, input_digest(path), plans, rejected, rows, folded, dates, lists, entry_counts
    )


def _merge_records(first: ListRecord, other: ListRecord) -> ListRecord:
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


def entry_id(record: ListRecord) -> str:
    return f"entry:{record.list_info.slug}:{entry_key(record)}"


def group_entries(records: Iterable[ListRecord]) -> tuple[dict[str, EntryPlan], int]:
    """Entry id -> plan; returns also how many rows were folded into an earlier row's entry."""
    plans: dict[str, EntryPlan] = {}
    folded = 0
    for record in records:
        eid = entry_id(record)
        plan = plans.get(eid)
        if plan is None:
            plans[eid] = EntryPlan(eid, record.list_info, record, [record.row], "")
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


def read_existing(graph: Graph, list_ids: Sequence[str]) -> dict[str, Existing]:
    rows = graph.read("load/list_existing_entries", timeout=300.0, list_ids=list(list_ids))
    return {
        row["id"]: Existing(
            row["row_hash"],
            row["list_id"],
            bool(row["ended"]),
            row["entity_id"],
            bool(row["pending_review"]),
            row["name"],
        )
        for row in rows
    }


def compare_with_earlier(
    plans: Mapping[str, EntryPlan], existing: Mapping[str, Existing], lists: Iterable[str]
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
        eid
        for eid, before in existing.items()
        if not before.ended and before.list_id in in_file and eid not in plans
    ]


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------


def load_record(plan: EntryPlan) -> LoadRecord:
    """An entry as the load's index sees it: its names as the list writes them (the name,
    the alt names, the remarks' alias lines) and its evidence."""
    r = plan.record
    own = "Person" if r.is_person else "Company"
    labels: tuple[str, ...] = PERSON_LABELS if r.is_person else COMPANY_LABELS
    thing = THING_LABELS.get((r.type or "").casefold())
    if thing is not None:
        own, labels = thing, (thing,)
    elif not r.type:
        # Lists that mix people and organisations without saying which (the Entity List,
        # ISN, DPL, DTC): such a row may be either, and a person needs a rare full name.
        labels = (*COMPANY_LABELS, *PERSON_LABELS)
    return LoadRecord(plan.id, record_names(r), labels, own, record_evidence(r), r.list_info.id)


def record_names(r: ListRecord) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in (r.name, *r.alt_names, *aliases_in(r.remarks)) if n))


def record_evidence(r: ListRecord) -> Evidence:
    identifiers = identifiers_in(r.remarks)
    # OFAC rows carry no address: their identifiers' issuing countries stand in.
    issuers = frozenset(c for _, _, c in identifiers if c)
    countries = frozenset(c.upper() for c in r.countries) | issuers
    kind = r.type.casefold() if r.type else None
    hinted = programme_countries(r.programs)
    return Evidence(countries, identifiers, places_of(r.addresses), kind, hinted)


def resolve_entries(plans: Iterable[EntryPlan], index: LoadIndex | None, origin: str) -> None:
    """Decide each plan in file order; what an earlier load settled is settled again in the
    index so the records after it meet it (the report counts `plan.outcome`). With no
    index, nothing is resolved: each entry not settled before gets an entity of its own."""
    for plan in plans:
        if index is None:
            if plan.earlier is None:
                plan.names = NamePlan(Judgement.NONE)
                _new_entity_for(plan, origin)
            continue
        record = index.records[plan.id]
        if plan.earlier is Earlier.RESOLVED:
            index.settle(record, plan.entity_id)
        elif plan.earlier is Earlier.IN_REVIEW:
            index.settle(record, None)
        else:
            _resolve_entry(plan, record, index, origin)


def _resolve_entry(plan: EntryPlan, record: LoadRecord, index: LoadIndex, origin: str) -> None:
    decided = index.resolve(record)
    plan.names, plan.decided = decided.plan, decided
    if decided.judgement is Judgement.MATCH:
        plan.entity_id = decided.plan.entity_id
    elif decided.judgement is Judgement.NONE:
        _new_entity_for(plan, origin)
    index.settle(record, plan.entity_id)


def _new_entity_for(plan: EntryPlan, origin: str) -> None:
    """A new entity for an entry no entity and no earlier record is: its id is a function of
    the entry alone, so a rerun after a kill gives it the same id."""
    record = plan.record
    label = "Person" if record.is_person else "Company"
    plan.entity_id = model.entity_id(label, record.name, plan.id)
    plan.new_entity = new_entity(plan.entity_id, label, record, origin)


def new_entity(entity_id: str, label: str, record: ListRecord, origin: str) -> dict[str, Any]:
    """The row of an entity made for an entry, as the list names it."""
    evidence = record_evidence(record)
    props: dict[str, Any] = {
        "id": entity_id,
        "name": record.name,
        "aliases": [n for n in record_names(record) if n != record.name],
        "country": record.country,
        "countries": sorted(evidence.countries),
        "identifiers": sorted(f"{s}:{v}:{c}" for s, v, c in evidence.identifiers),
        "origin": origin,
        "made_for": "entry",  # dedupe may move its entry to another entity (MERGED_INTO)
    }
    if record.type and record.type not in ("Entity", "Individual"):
        props["csl_type"] = record.type
    if record.is_person and record.dates_of_birth:
        props["dates_of_birth"] = list(record.dates_of_birth)
    return {"id": entity_id, "label": label, "props": props}
