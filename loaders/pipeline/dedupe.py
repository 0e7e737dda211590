"""`survgraph dedupe`: the load's cross-record resolution, run over a graph already loaded.

Why: a graph loaded before loads resolved records against each other holds one entity per
listing for many legal persons listed several times. Dedupe reads every list entry in force
back from the graph, in a stable order, and resolves it as a load of all of them would
(`loaders.resolution.LoadIndex`, the entities list loads made for entries standing as those
entries).
An entry that an earlier load gave an entity of its own ("new") and that now resolves to
another entity is moved there, through the load's own statements: its LISTED_ON and
RESOLVED_TO, with a recorded judgement (an accepted review item that `survgraph review
undo` reverses; `review accept --new` then puts it back on the entity it left). An entry a
person or an earlier match placed is never moved. Doubts are reported, not filed: the
entries stay where they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph.db import Graph
from graph.model import fact_id
from graph.writer import BatchWriter
from loaders.pipeline.entries import EntryPlan, load_record
from loaders.pipeline.load import BATCH_SIZE
from loaders.pipeline.provenance import Run
from loaders.pipeline.rows import judgement_row, listed_on_row
from loaders.resolution import Judgement, LoadIndex, LoadRecord
from loaders.sources import ListRecord, list_by_id

__all__ = ["DedupeReport", "dedupe"]

STATEMENTS = ("load/dedupe_detach", "load/list_write_listed_on", "load/list_write_judgements")


@dataclass
class Move:
    """One entry that leaves the entity an earlier load made for it."""

    plan: EntryPlan
    from_id: str
    source_id: str
    origin: str  # the source of the listing it moves

    def row(self) -> dict[str, Any]:
        assert self.plan.entity_id is not None
        return {
            "entry_id": self.plan.id,
            "name": self.plan.record.name,
            "list_id": self.plan.list_info.id,
            "from_id": self.from_id,
            "to_id": self.plan.entity_id,
            "explanation": self.plan.decided.explanation if self.plan.decided else "",
        }


@dataclass
class DedupeReport:
    """What dedupe merged, what it doubted, and how many entries it read."""

    entries: int = 0
    moved: list[dict[str, Any]] = field(default_factory=list)
    doubts: list[dict[str, Any]] = field(default_factory=list)
    written: int = 0
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "merged": len(self.moved),
            "sent_to_review": len(self.doubts),
            "dry_run": self.dry_run,
            "relationships_written": self.written,
            "moves": self.moved,
            "doubts": self.doubts,
        }


def _record(props: Mapping[str, Any], list_id: str) -> ListRecord:
    """The entry's record back from the properties the list pipeline stored on it."""

    def many(key: str) -> tuple[str, ...]:
        return tuple(str(v) for v in props.get(key) or ())

    rows = props.get("rows") or [0]
    label = str(props.get("source") or "")
    return ListRecord(
        row=int(rows[0]),
        list_info=list_by_id(list_id, label),
        list_label=label,
        name=str(props.get("name")),
        uid=props.get("csl_id"),
        entity_number=props.get("entity_number"),
        type=props.get("type"),
        programs=many("programs"),
        title=props.get("title"),
        addresses=many("addresses"),
        countries=many("countries"),
        federal_register_notice=props.get("federal_register_notice"),
        start_date=props.get("start_date"),
        end_date=props.get("end_date"),
        alt_names=many("alt_names"),
        remarks=props.get("remarks"),
        source_list_url=props.get("source_list_url"),
        source_information_url=props.get("source_information_url"),
    )


def _plan(row: Mapping[str, Any]) -> EntryPlan:
    record = _record(row["props"], row["list_id"])
    rows = [int(r) for r in row["props"].get("rows") or []]
    row_hash = str(row["props"].get("row_hash") or "")
    plan = EntryPlan(row["id"], record.list_info, record, rows, row_hash)
    plan.entity_id = row["entity_id"]
    return plan


def dedupe(graph: Graph, *, dry_run: bool = False, batch_size: int = BATCH_SIZE) -> DedupeReport:
    """Resolve every entry in force again, as one load of them all; move the merged ones."""
    rows = graph.read("load/dedupe_entries", timeout=600.0)
    plans = [_plan(row) for row in rows if row["props"].get("name")]
    records = [load_record(plan) for plan in plans]
    index = LoadIndex(graph, records, exclude_made_for="entry")
    report = DedupeReport(entries=len(plans), dry_run=dry_run)
    moves = _decide(index, plans, records, rows, report)
    if not dry_run:
        report.written = _write(graph, moves, batch_size)
    return report


def _decide(
    index: LoadIndex,
    plans: list[EntryPlan],
    records: list[LoadRecord],
    rows: list[dict[str, Any]],
    report: DedupeReport,
) -> list[Move]:
    by_id = {row["id"]: row for row in rows}
    moves: list[Move] = []
    for plan, record in zip(plans, records, strict=True):
        row = by_id[plan.id]
        current = str(row["entity_id"])
        if row["decision"] != "new":  # a person's or an earlier match's placement stands
            index.settle(record, current)
            continue
        decided = index.resolve(record)
        target = decided.plan.entity_id if decided.judgement is Judgement.MATCH else None
        if target is not None and target != current:
            plan.names, plan.decided, plan.entity_id = decided.plan, decided, target
            sources = [str(s) for s in row["source_ids"]] or ["source:dedupe"]
            moves.append(Move(plan, current, sources[0], str(row["origin"] or "dedupe")))
            report.moved.append(moves[-1].row())
            index.settle(record, target)
            continue
        if decided.judgement is Judgement.REVIEW:
            report.doubts.append(
                {
                    "entry_id": plan.id,
                    "name": plan.record.name,
                    "entity_id": current,
                    "explanation": decided.explanation,
                }
            )
        index.settle(record, current)
    return moves


def _write(graph: Graph, moves: Iterable[Move], batch_size: int) -> int:
    """Each snapshot's moves through the load's statements, citing that snapshot."""
    by_source: dict[tuple[str, str], list[Move]] = defaultdict(list)
    for move in moves:
        by_source[move.source_id, move.origin].append(move)
    at = datetime.now(UTC).replace(microsecond=0).isoformat()
    written = 0
    for (source_id, origin), group in sorted(by_source.items()):
        run = Run(f"run:dedupe-{at}", source_id, at, origin)
        params = {"run_id": run.run_id, "source_id": source_id, "at": at, "origin": origin}
        with BatchWriter(graph, STATEMENTS, batch_size, params) as writer:
            for move in group:
                writer.add(_move_rows(move, run))
        written += writer.counts["relationships_created"]
    return written


def _move_rows(move: Move, run: Run) -> dict[str, list[dict[str, Any]]]:
    plan = move.plan
    plan.left_entity = move.from_id
    judgement = judgement_row(plan, run)
    assert plan.entity_id is not None
    detach = {
        "entry_id": plan.id,
        "from_id": move.from_id,
        "to_id": plan.entity_id,
        "review_id": judgement["id"],
        "source_ids": [move.source_id],
        "fact_id": fact_id("MERGED_INTO", move.from_id, plan.entity_id),
    }
    return {
        "load/dedupe_detach": [detach],
        "load/list_write_listed_on": [listed_on_row(plan, run)],
        "load/list_write_judgements": [judgement],
    }
