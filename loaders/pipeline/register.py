"""One register load (GLEIF): parse -> match on the key -> resolve the rest -> write -> report.

A register states who is whom and who consolidates whom, about entities it identifies by its
own key (the LEI). Every step is the source's only through its descriptor
(`loaders.sources.RegisterSource`): its parser reads the file, its name is the provenance of
everything written (snapshot Source `source:<name>-<sha>`, LoadRun, `origin`).

* An entity is found by its LEI first (an identifier `lei:...` on an entity of the graph); an
  LEI the graph lacks is resolved by its registered legal name (a confident match that carries
  no other LEI), else becomes a new company named as the register names it. A parent the file
  names only by its LEI, with no record of its own, is a company named "LEI <code>" until its
  record is loaded.
* Which records load: the subjects are the entities the graph knows by LEI and those an API
  answer in the file was asked about; their records, relationships and exceptions load, and
  their parents' records (a golden copy's millions of other rows are counted, not loaded).
* A relationship is a cited claim from the child to the parent: consolidation is control
  (`CONTROLLED_BY`; an international branch is `BRANCH_OF`), never a share (not stated), with
  its RELATIONSHIP_PERIOD as `since` / `until`, its status, its periods and the register's
  words as `basis`. An INACTIVE relationship without an end date ends, on or before
  (`until_precision: before`), the record's last update: it has ended, when is not stated.
* A reporting exception is stored on its entity as "direct parent not reported:
  NON_CONSOLIDATING" (`parent_not_reported`, with its sources): a stated reason, never "no
  parent"; a reported parent of the same scope replaces it.

Loading the same file twice creates nothing the second time (entities and claims are keyed by
LEI and relationship).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from graph import model
from graph.db import Graph
from graph.schema import apply_schema
from graph.writer import relation_rows, write_batches
from loaders.pipeline.provenance import Run, input_digest, now, run_for
from loaders.plumbing.report import LoadReport, Rejection
from loaders.resolution import GraphResolver, Judgement
from loaders.sources import RegisterSource
from loaders.sources.gleif import (
    PARENT_TYPES,
    LeiRecord,
    Relationship,
    ReportingException,
)

__all__ = ["load_register"]

_LABEL = "Company"
_CONSOLIDATION = ("IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY")


@dataclass
class _Parsed:
    path: Path
    sha: str
    records: dict[str, LeiRecord] = field(default_factory=dict)
    relationships: list[Relationship] = field(default_factory=list)
    exceptions: list[ReportingException] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    rows: int = 0
    outside: Counter[str] = field(default_factory=Counter)  # golden copy rows not ours


def _ours(item: object, keyed: Mapping[str, str]) -> bool:
    """Whether a record is kept: an API answer's always (it was asked for), a golden copy
    row only about an LEI the graph knows (the rest is counted, never held in memory)."""
    if isinstance(item, LeiRecord):
        return item.asked or item.lei in keyed
    if isinstance(item, Relationship):
        return not item.golden or item.child in keyed
    if isinstance(item, ReportingException):
        return not item.golden or item.lei in keyed
    return True


def _parse(source: RegisterSource, path: Path, keyed: Mapping[str, str]) -> _Parsed:
    parsed = _Parsed(path, input_digest(path))
    seen_rel: set[tuple[str, str, str]] = set()
    for item in source.records(path):
        parsed.rows += 1
        if not _ours(item, keyed):
            parsed.outside[type(item).__name__] += 1
        elif isinstance(item, LeiRecord):
            parsed.records[item.lei] = item
        elif isinstance(item, Relationship):
            key = (item.child, item.type, item.parent)
            if key not in seen_rel:  # a page fetched twice, or a record in two files
                seen_rel.add(key)
                parsed.relationships.append(item)
        elif isinstance(item, ReportingException):
            parsed.exceptions.append(item)
        elif isinstance(item, Rejection):
            parsed.rejected.append(item)
    return parsed


def _keyed(graph: Graph, scheme: str) -> tuple[dict[str, str], int]:
    """LEI -> the entity carrying it (the first by id when several do: counted)."""
    found: dict[str, str] = {}
    shared = 0
    for row in graph.read("load/register_keyed", prefix=f"{scheme}:"):
        for key in row["keys"]:
            value = str(key).split(":")[1].strip().upper() if ":" in str(key) else ""
            if value and value in found and found[value] != row["id"]:
                shared += 1
            elif value:
                found[value] = str(row["id"])
    return found, shared


@dataclass
class _Matches:
    """Where each LEI of the load lands, and how it was found."""

    keyed: dict[str, str]
    by_lei: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)  # lei | match | new | new_unnamed
    new: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(self.how.values()).items()))


def placeholder_name(lei: str) -> str:
    """The name of a parent known only by its LEI, until its record is loaded."""
    return f"LEI {lei}"


def _new_entity(lei: str, record: LeiRecord | None, run: Run) -> dict[str, Any]:
    name = record.name if record else placeholder_name(lei)
    eid = model.entity_id(_LABEL, name, f"gleif|{lei}")
    props: dict[str, Any] = {
        "id": eid,
        "name": name,
        "aliases": list(record.other_names) if record else [],
        "kind": "company",
        "origin": run.origin,
        "made_for": "register",  # a party the register identifies, not a list entry
    }
    if record and record.country:
        props["country"] = record.country
    if record is None:
        props["note"] = "named by its LEI only: its GLEIF record was not in the load"
    return {"id": eid, "label": _LABEL, "props": props, "recorded_at": run.at}


def _resolve(
    graph: Graph, leis: Iterable[str], parsed: _Parsed, keyed: dict[str, str], run: Run
) -> _Matches:
    """Each LEI to an entity: by LEI, else by a confident name match carrying no other LEI,
    else a new company."""
    matches = _Matches(keyed)
    taken = {eid: lei for lei, eid in keyed.items()}
    resolver: GraphResolver | None = None
    for lei in sorted(set(leis)):
        if lei in keyed:
            matches.by_lei[lei], matches.how[lei] = keyed[lei], "lei"
            continue
        record = parsed.records.get(lei)
        if record is not None:
            resolver = resolver or GraphResolver(graph, exclude_source=run.source_id)
            decision = resolver.resolve(record.name, labels=[_LABEL])
            entity = decision.entity
            if decision.decision is Judgement.MATCH and entity and entity.id not in taken:
                matches.by_lei[lei], matches.how[lei] = entity.id, "match"
                taken[entity.id] = lei
                continue
        new = _new_entity(lei, record, run)
        matches.new.append(new)
        matches.by_lei[lei] = new["id"]
        matches.how[lei] = "new" if record else "new_unnamed"
    return matches


def _in_scope(parsed: _Parsed, keyed: Mapping[str, str]) -> tuple[set[str], int, int]:
    """The subjects whose relationships and exceptions load: those the file holds a record of
    because they were asked for (an API answer), or with an LEI in the graph; how many
    relationships and exceptions fall outside."""
    subjects = {lei for lei, record in parsed.records.items() if record.asked} | set(keyed)
    rels_out = sum(1 for r in parsed.relationships if r.child not in subjects)
    exc_out = sum(1 for e in parsed.exceptions if e.lei not in subjects)
    rels_out += parsed.outside["Relationship"]
    return subjects, rels_out, exc_out + parsed.outside["ReportingException"]


def _claim_props(rel: Relationship, parsed: _Parsed, run: Run, how: str) -> dict[str, Any]:
    child, parent = parsed.records.get(rel.child), parsed.records.get(rel.parent)
    until, until_precision = rel.end, "day" if rel.end else None
    if until is None and rel.status == "INACTIVE" and rel.last_update:
        until, until_precision = rel.last_update, "before"
    branch = rel.type == "IS_INTERNATIONAL_BRANCH_OF"
    role = "international branch" if branch else f"{rel.scope} accounting consolidation parent"
    props: dict[str, Any] = {
        "since": rel.start,
        "since_precision": "day" if rel.start else None,
        "until": until,
        "until_precision": until_precision,
        "basis": f"GLEIF relationship record: {rel.child} {rel.type} {rel.parent} ({rel.status})",
        "claim_kind": "gleif_branch" if branch else f"gleif_{rel.scope}_parent",
        "role": f"{role} (GLEIF {rel.type})",
        "gleif_relationship_type": rel.type,
        "gleif_relationship_status": rel.status,
        "gleif_registration_status": rel.registration_status,
        "gleif_corroboration": rel.corroboration,
        "gleif_periods": list(rel.periods),
        "gleif_record_id": rel.record_id,
        "child_lei": rel.child,
        "parent_lei": rel.parent,
        "subject_as_listed": child.name if child else None,
        "name_as_listed": parent.name if parent else None,
        "origin": run.origin,
        "source_ids": [run.source_id],
        "decision": how,
    }
    if until_precision == "before":
        props["note"] = (
            "GLEIF marks this relationship INACTIVE without an end date: it ended on or "
            f"before the record's last update ({until})"
        )
    return {k: v for k, v in props.items() if v is not None and v != []}


def _claims(
    parsed: _Parsed, subjects: set[str], matches: _Matches, run: Run, counts: Counter[str]
) -> list[dict[str, Any]]:
    rows = []
    for rel in parsed.relationships:
        if rel.child not in subjects:
            continue
        start, end = matches.by_lei[rel.child], matches.by_lei[rel.parent]
        if start == end:
            counts["names_its_own_subject"] += 1
            continue
        rel_type = PARENT_TYPES[rel.type]
        key = f"gleif|{rel.child}|{rel.type}|{rel.parent}"
        props = _claim_props(rel, parsed, run, matches.how[rel.parent])
        counts[str(props["claim_kind"])] += 1
        fid = model.fact_id(rel_type, start, end, key)
        rows.append({"type": rel_type, "start": start, "end": end, "fact_id": fid, "props": props})
    stamp = model.recorded(run.run_id, run.at)
    return [{**r, "version": model.fact_version(r["props"]), **stamp} for r in relation_rows(rows)]


def _exception_rows(parsed: _Parsed, subjects: set[str], matches: _Matches) -> list[dict[str, Any]]:
    """Per entity: the file's statements, and the scopes it speaks of (to replace)."""
    statements: dict[str, list[str]] = {}
    scopes: dict[str, set[str]] = {}
    for exc in parsed.exceptions:
        if exc.lei in subjects:
            statements.setdefault(exc.lei, []).append(exc.words())
            scopes.setdefault(exc.lei, set()).add(exc.scope)
    for rel in parsed.relationships:  # a reported parent clears its scope's exception
        if rel.child in subjects and rel.type in _CONSOLIDATION:
            scopes.setdefault(rel.child, set()).add(rel.scope)
    return [
        {
            "id": matches.by_lei[lei],
            "statements": sorted(set(statements.get(lei, []))),
            "cleared": sorted(f"{scope} parent not reported:" for scope in scoped),
        }
        for lei, scoped in sorted(scopes.items())
    ]


def _enrich_rows(leis: Iterable[str], parsed: _Parsed, matches: _Matches) -> list[dict[str, Any]]:
    rows = []
    for lei in sorted(set(leis)):
        record = parsed.records.get(lei)
        props: dict[str, Any] = {}
        names: list[str] = []
        if record is not None:
            names = [record.name, *record.other_names]
            props = {
                "gleif_entity_status": record.entity_status,
                "gleif_registration_status": record.registration_status,
                "gleif_last_update": record.last_update,
            }
        rows.append(
            {
                "id": matches.by_lei[lei],
                "identifier": f"lei:{lei}",
                "placeholder": placeholder_name(lei),
                "legal_name": record.name if record else None,
                "names": names,
                "props": {k: v for k, v in props.items() if v},
            }
        )
    return rows


def _source_props(
    source: RegisterSource, parsed: _Parsed, run: Run, url: str | None
) -> dict[str, Any]:
    return {
        "title": f"{source.title} snapshot {parsed.sha[:12]}",
        "publisher": source.publisher,
        "kind": source.kind,
        "url": url or source.url,
        "licence": source.licence,
        "file_name": parsed.path.name,
        "date": run.at[:10],
        "retrieved": run.at,
        "sha256": parsed.sha,
        "register": source.name,
    }


@dataclass
class _Plan:
    """What one load writes, decided before anything is written."""

    parsed: _Parsed
    run: Run
    leis: set[str]
    matches: _Matches
    claims: list[dict[str, Any]]
    exceptions: list[dict[str, Any]]
    counts: Counter[str]
    outside: dict[str, int]
    shared: int


def _plan(graph: Graph, source: RegisterSource, path: Path, started: datetime) -> _Plan:
    """Read the file, find each LEI's entity, and state the claims and exceptions."""
    keyed, shared = _keyed(graph, source.key_scheme)
    parsed = _parse(source, path, keyed)
    run = run_for(source, parsed.sha, started)
    subjects, rels_out, exc_out = _in_scope(parsed, keyed)
    leis = {lei for lei in parsed.records if lei in subjects}
    for rel in parsed.relationships:
        if rel.child in subjects:
            leis |= {rel.child, rel.parent}
    leis |= {e.lei for e in parsed.exceptions if e.lei in subjects}
    matches = _resolve(graph, leis, parsed, keyed, run)
    counts: Counter[str] = Counter()
    claims = _claims(parsed, subjects, matches, run, counts)
    exceptions = _exception_rows(parsed, subjects, matches)
    outside = {"relationships": rels_out, "exceptions": exc_out}
    return _Plan(parsed, run, leis, matches, claims, exceptions, counts, outside, shared)


def _write(graph: Graph, source: RegisterSource, plan: _Plan, url: str | None) -> tuple[int, int]:
    """The snapshot Source, new entities, what the register says of each, the exceptions and
    the claims; (entities created, relationships created)."""
    sid = plan.run.source_id
    source_row = {"id": sid, "props": _source_props(source, plan.parsed, plan.run, url)}
    write_batches(graph, "load/list_write_source", [source_row])
    created = write_batches(graph, "load/list_write_entities", plan.matches.new, source_id=sid)
    enrich = _enrich_rows(plan.leis, plan.parsed, plan.matches)
    write_batches(graph, "load/register_enrich", enrich, source_id=sid)
    write_batches(graph, "load/register_exceptions", plan.exceptions, source_id=sid)
    written = write_batches(graph, "load/claims_write", plan.claims, source_id=sid)
    return created.created("load/list_write_entities"), written.counts["relationships_created"]


def _report(
    source: RegisterSource, plan: _Plan, where: str, entities: int, relationships: int
) -> LoadReport:
    parsed, run, matches = plan.parsed, plan.run, plan.matches
    report = LoadReport(loader=source.name, source=where)
    report.started_at = run.at
    report.rows_read = parsed.rows
    report.rejected.extend(parsed.rejected)
    report.entities_created = entities
    report.entities_merged = sum(1 for how in matches.how.values() if how in ("lei", "match"))
    report.relationships_created = relationships
    report.relationships_total = len(plan.claims)
    report.extra.update(
        {
            "run_id": run.run_id,
            "snapshot_source_id": run.source_id,
            "sha256": parsed.sha,
            "lei_records": len(parsed.records),
            "entities_by": matches.counts(),
            "claims": dict(sorted(plan.counts.items())),
            "exceptions_stored": sum(len(r["statements"]) for r in plan.exceptions),
            "outside_the_graph": plan.outside,
            "lei_on_several_entities": plan.shared,
        }
    )
    return report


def load_register(
    graph: Graph,
    source: RegisterSource,
    path: Path,
    *,
    url: str | None = None,
    started: datetime | None = None,
) -> LoadReport:
    """Load one register file into the graph; returns the report (not yet saved)."""
    apply_schema(graph)
    plan = _plan(graph, source, path, started or now())
    entities, relationships = _write(graph, source, plan, url)
    report = _report(source, plan, url or str(path), entities, relationships)
    _record_run(graph, source, plan.parsed, plan.run, url, report)
    report.finish()
    return report


def _record_run(
    graph: Graph,
    source: RegisterSource,
    parsed: _Parsed,
    run: Run,
    url: str | None,
    report: LoadReport,
) -> None:
    props = {
        "loader": source.name,
        "file": str(parsed.path),
        "url": url,
        "sha256": parsed.sha,
        "source_id": run.source_id,
        "started_at": run.at,
        "finished_at": now().isoformat(),
        "rows": parsed.rows,
        "lei_records": len(parsed.records),
        "relationships": report.relationships_total,
        "rejected": len(parsed.rejected),
    }
    graph.write(
        "load/list_load_run", id=run.run_id, props=props, source_id=run.source_id, origin=run.origin
    )
