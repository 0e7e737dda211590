"""Resolve and write a parsed FtM file: `survgraph load ftm FILE`.

* The file itself becomes a `(:Source {kind: 'dataset'})` cited by every fact it writes
  (origin 'ftm').
* Parties (Company, Organization, LegalEntity -> Company; PublicBody -> GovernmentBody) are
  matched, in this order: an FtM id that carries one of our ids (our own export) -> that id;
  an FtM id recorded in some entity's `ftm_ids` -> that entity; else `GraphResolver`:
  match -> names and the FtM id are added to the entity; none -> a new node
  `company:ftm-<slug>-<hash>`; review -> a ReviewItem holding the entity's facts back.
* Person entities are skipped (counted in the report), except our own export's (a curated
  shareholder), which are restored by id.
* Links become facts: Ownership -> SUBSIDIARY_OF (asset -> owner; our own export's role
  OWNED_BY or CONTROLLED_BY restores that type), its `percentage` read as a share interval in
  its real forms ("50", "50%", "25-50", ">50": graph/shares.py; words it cannot read are kept
  and counted, an impossible share rejects the row with its reason), Sanction -> LISTED_ON
  (to a well-known list by authority/program, else `list:ftm-<slug>`), Documentation and
  Mention -> MENTIONED_IN, and our own export's UnknownLink/ContractAward back to their types.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph import model
from graph.db import Graph, Row
from graph.model import (
    ENTITY_LABELS,
    FACT_TYPES,
    ID_PREFIX,
    WALKED_TYPES,
    fact_id,
    our_id,
    short_hash,
)
from graph.shares import ShareError, parse_share
from graph.writer import write_batches
from loaders.ftm.parse import (
    DOCUMENT_SCHEMATA,
    OUR_FACT_ID,
    OUR_ID,
    PARTY_SCHEMATA,
    RESTORE_ONLY,
    FtmRecord,
    read_ftm,
)
from loaders.plumbing.report import LoadReport
from loaders.resolution import (
    ENTITY_PLACEHOLDER,
    FTM_REF,
    GraphResolver,
    Proposal,
    candidates_of,
    file_proposals,
)

ORIGIN = "ftm"
# Well-known designation lists, recognised from a Sanction's authority/program/programId.
WELL_KNOWN_LISTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("ns-cmic", "non-sdn chinese military", "military-industrial"), "list:us-ofac-ns-cmic"),
    (("1260h",), "list:us-dod-1260h"),
    (("uflpa",), "list:us-dhs-uflpa"),
    (("covered list", "federal communications commission", "fcc"), "list:us-fcc-covered-list"),
    (("entity list",), "list:us-bis-entity-list"),
)
IDENTIFIER_PROPS = {
    "leiCode": "lei",
    "uscCode": "uscc",
    "isinCode": "isin",
    "registrationNumber": "registration",
    "permId": "permid",
}


def slug(text: str) -> str:
    return model.slug(text, 40)


def ftm_date(value: str | None) -> tuple[str | None, str | None]:
    """An FtM date (`2019`, `2019-10`, `2019-10-09`, or a timestamp) -> ISO date + precision."""
    if not value:
        return None, None
    text = value.strip()[:10]
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01", "year"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-01", "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text, None
    return None, None


@dataclass
class _Target:
    """Where an FtM party ended up: a node id, or a pending review item."""

    node_id: str | None = None
    proposal: Proposal | None = None


@dataclass
class _Plan:
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)
    matched: int = 0
    restored: int = 0
    new: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    shares: dict[str, int] = field(default_factory=dict)  # ownership shares by kind


def file_source(path: Path, datasets: Sequence[str]) -> dict[str, Any]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    title = datasets[0] if datasets else path.name
    return {
        "id": f"source:ftm-{digest[:16]}",
        "props": {
            "title": title,
            "kind": "dataset",
            "file_name": path.name,
            "sha256": digest,
            "datasets": list(datasets),
            "origin": ORIGIN,
        },
    }


def _party_props(rec: FtmRecord, label: str, source_ids: list[str]) -> dict[str, Any]:
    name = rec.caption
    aliases = _aliases(rec)
    props: dict[str, Any] = {
        "name": name,
        "aliases": aliases,
        "ftm_ids": [rec.id],
        "source_ids": source_ids,
        "origin": ORIGIN,
    }
    country = rec.first("country") or rec.first("jurisdiction") or rec.first("mainCountry")
    if country:
        props["country"] = country.upper()
    if rec.first("abbreviation"):
        props["short_name"] = rec.first("abbreviation")
    if rec.all("ticker"):
        props["tickers"] = rec.all("ticker")
    identifiers = [f"{key}:{v}" for prop, key in IDENTIFIER_PROPS.items() for v in rec.all(prop)]
    if identifiers:
        props["identifiers"] = identifiers
    for ours, theirs in (
        ("note", "notes"),
        ("status", "status"),
        ("url", "sourceUrl"),
        ("kind", "legalForm"),
    ):
        if rec.first(theirs):
            props[ours] = rec.first(theirs)
    if label == "Place" and rec.first("full") and "name" not in rec.props:
        props["name"] = rec.first("full")
    if label == "Contract":
        props["name"] = rec.first("title") or name
        if rec.first("description"):
            props["description"] = rec.first("description")
    if label == "Company" and "kind" not in props:
        props["kind"] = "company"
    return props


def _aliases(rec: FtmRecord) -> list[str]:
    name = rec.caption
    out: dict[str, None] = {}
    for prop in ("alias", "weakAlias", "previousName"):
        for value in rec.all(prop):
            if value != name:
                out.setdefault(value, None)
    return list(out)


def _list_for(rec: FtmRecord) -> tuple[str, str]:
    """(list id, display name) for a Sanction."""
    program_id = rec.first("programId") or ""
    if OUR_ID.match(program_id) and program_id.startswith("list:"):
        return program_id, rec.first("program") or program_id
    text = " ".join(rec.all("authority") + rec.all("program") + [program_id]).casefold()
    for needles, list_id in WELL_KNOWN_LISTS:
        if any(n in text for n in needles):
            return list_id, rec.first("program") or rec.first("authority") or list_id
    label = " ".join(rec.all("authority")[:1] + rec.all("program")[:1]) or "sanctions"
    return f"list:ftm-{slug(label)}-{short_hash(label.casefold(), 6)}", label


def plan_ftm(
    records: Sequence[FtmRecord],
    src: Mapping[str, Any],
    existing: set[str],
    known: Mapping[str, str],
    resolver: Any,
    report: LoadReport,
    path_name: str,
) -> _Plan:
    """Decide, for every record, what it becomes. Pure: no database access here."""
    planner = _Planner(records, src, existing, known, resolver, report, path_name)
    for rec in records:
        if rec.schema in DOCUMENT_SCHEMATA:
            planner.document(rec)
    for rec in records:
        planner.party(rec)
    # Links -> facts (sanctions first: they create the lists other facts may point at)
    for rec in sorted(records, key=lambda r: r.schema != "Sanction"):
        planner.link(rec)
    return planner.plan


@dataclass
class _Planner:
    """The state one FtM file's plan is built in: documents become sources, parties become
    entities (restored, known, resolved, new or in review), links become facts."""

    records: Sequence[FtmRecord]
    src: Mapping[str, Any]
    existing: set[str]
    known: Mapping[str, str]
    resolver: Any
    report: LoadReport
    path_name: str
    plan: _Plan = field(default_factory=_Plan)
    doc_source: dict[str, str] = field(default_factory=dict)
    targets: dict[str, _Target] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.src_id = str(self.src["id"])
        self.plan.sources[self.src_id] = dict(self.src)
        self.by_id = {r.id: r for r in self.records}

    def document(self, rec: FtmRecord) -> None:
        sid = our_id(rec.id)
        if sid is None or not sid.startswith("source:"):
            sid = f"source:ftm-doc-{short_hash(rec.id, 16)}"
        self.doc_source[rec.id] = sid
        self.plan.sources[sid] = {"id": sid, "props": _document_props(rec)}

    def cites(self, rec: FtmRecord) -> list[str]:
        ids = [self.src_id]
        for ref in rec.all("proof"):
            sid = self.doc_source.get(ref) or our_id(ref)
            if sid and sid.startswith("source:") and sid not in ids:
                ids.append(sid)
        return ids

    def skip(self, what: str) -> None:
        self.plan.skipped[what] = self.plan.skipped.get(what, 0) + 1

    def party(self, rec: FtmRecord) -> None:
        label = PARTY_SCHEMATA.get(rec.schema) or RESTORE_ONLY.get(rec.schema)
        if rec.schema == "Identification":
            self.skip(rec.schema)
        if label is None:
            return
        restored = our_id(rec.id)
        if rec.schema in RESTORE_ONLY and restored is None:
            self.skip(rec.schema)
            return
        props = _party_props(rec, label, self.cites(rec))
        plan = self.plan
        if restored is not None:
            self.targets[rec.id] = _Target(node_id=restored)
            plan.entities[restored] = _entity_row(restored, label, props, new=True)
            plan.restored += 1
        elif rec.id in self.known:
            node_id = self.known[rec.id]
            self.targets[rec.id] = _Target(node_id=node_id)
            plan.entities[node_id] = _entity_row(node_id, label, props, new=False)
            plan.matched += 1
        else:
            self.resolved(rec, label, props)

    def resolved(self, rec: FtmRecord, label: str, props: dict[str, Any]) -> None:
        """A party neither ours nor known: the resolver decides, or a person will."""
        plan = self.plan
        decision = self.resolver.resolve(rec.caption, labels=[label])
        new_id = f"{ID_PREFIX[label]}:ftm-{slug(rec.caption)}-{short_hash(rec.id)}"
        if decision.decision == "match" and decision.entity is not None:
            node_id = decision.entity.id
            self.targets[rec.id] = _Target(node_id=node_id)
            plan.entities.setdefault(node_id, _entity_row(node_id, label, props, new=False))
            _merge_names(plan.entities[node_id], props, rec.id)
            plan.matched += 1
        elif decision.decision == "review":
            proposal = self.proposal(rec, decision, {"id": new_id, "label": label, "props": props})
            self.targets[rec.id] = _Target(proposal=proposal)
            plan.proposals.append(proposal)
        else:
            self.targets[rec.id] = _Target(node_id=new_id)
            plan.entities[new_id] = _entity_row(new_id, label, props, new=True)
            plan.new += 1

    def proposal(self, rec: FtmRecord, decision: Any, new_entity: dict[str, Any]) -> Proposal:
        aliases = [rec.caption, *new_entity["props"]["aliases"]]
        return Proposal(
            kind="ftm_entity",
            input=rec.caption,
            about_id=self.src_id,
            context=rec.id,
            candidates=candidates_of(decision),
            explanation=decision.explanation,
            new_entity=new_entity,
            entity_props={"aliases": aliases, "ftm_ids": [rec.id]},
            extra={
                "ftm_id": rec.id,
                "ftm_schema": rec.schema,
                "file": self.path_name,
                "line": rec.line,
            },
        )

    def endpoint(self, ref: str | None) -> _Target | None:
        if not ref:
            return None
        if ref in self.targets:
            return self.targets[ref]
        restored = our_id(ref)
        if restored is not None and (restored in self.existing or restored in self.plan.entities):
            return _Target(node_id=restored)
        if ref in self.known:
            return _Target(node_id=self.known[ref])
        return None

    def link(self, rec: FtmRecord) -> None:
        spec = _link(rec, self)
        if spec is None:
            return
        where = f"{self.path_name}:{rec.line}"
        if isinstance(spec, str):
            self.report.reject(where, spec, {"id": rec.id, "schema": rec.schema})
            return
        rel_type, start_ref, end_ref, props = spec
        start = self.endpoint(start_ref)
        direct = str(end_ref).startswith(("source:", "list:"))  # a source or a list it made
        end = _Target(node_id=end_ref) if direct else self.endpoint(end_ref)
        if start is None or end is None:
            why = f"{rec.schema} {rec.id}: an endpoint is not in this file or the graph"
            self.report.reject(where, why, {"id": rec.id})
            return
        key = f"ftm:{rec.id}"
        if start.node_id and end.node_id:
            record_id = rec.first("recordId") or ""
            fid = (
                record_id
                if OUR_FACT_ID.match(record_id)
                else fact_id(rel_type, start.node_id, end.node_id, key)
            )
            self.plan.facts[fid] = {
                "fact_id": fid,
                "type": rel_type,
                "start": start.node_id,
                "end": end.node_id,
                "props": model.fact_props(rel_type, dict(props)),
            }
            return
        fact = {"type": rel_type, "key": key, "props": props}
        for side in (start, end):
            if side.proposal is None:
                continue
            refs = [
                ENTITY_PLACEHOLDER if t is side else (t.node_id or f"{FTM_REF}{ref}")
                for t, ref in ((start, str(start_ref)), (end, str(end_ref)))
            ]
            side.proposal.facts.append({**fact, "start": refs[0], "end": refs[1]})


def _document_props(rec: FtmRecord) -> dict[str, Any]:
    published, precision = ftm_date(rec.first("publishedAt") or rec.first("date"))
    keywords = rec.all("keywords")
    kind = next((k[5:] for k in keywords if k.startswith("kind:")), None)
    props: dict[str, Any] = {
        "title": rec.first("title") or rec.caption,
        "kind": kind or ("news" if rec.schema == "Article" else "document"),
        "origin": ORIGIN,
        "ftm_ids": [rec.id],
    }
    for ours, value in (
        ("publisher", rec.first("publisher")),
        ("author", rec.first("author")),
        ("date", published),
        ("date_precision", precision),
        ("url", rec.first("sourceUrl")),
        ("citation", rec.first("summary")),
        ("note", rec.first("notes") or rec.first("description")),
    ):
        if value:
            props[ours] = value
    return props


def _split_existing(graph: Graph, plan: _Plan) -> tuple[list[Row], list[Row]]:
    """The plan's entity rows: (those the graph lacks, those it already has)."""
    row = graph.read_one("load/ftm_known", ids=sorted(plan.entities), ftm_ids=[]) or {}
    present = set(row.get("existing") or [])
    rows = list(plan.entities.values())
    return [r for r in rows if r["id"] not in present], [r for r in rows if r["id"] in present]


def _entity_row(node_id: str, label: str, props: Mapping[str, Any], new: bool) -> dict[str, Any]:
    created = {k: v for k, v in props.items() if v not in (None, [], "")}
    return {
        "id": node_id,
        "label": label,
        "props": created if new else {},
        "aliases": list(props.get("aliases") or [])
        if new
        else [props["name"], *(props.get("aliases") or [])],
        "ftm_ids": list(props.get("ftm_ids") or []),
        "source_ids": list(props.get("source_ids") or []),
        "country": props.get("country"),
    }


def _merge_names(row: dict[str, Any], props: Mapping[str, Any], ftm_id: str) -> None:
    for name in [props["name"], *(props.get("aliases") or [])]:
        if name not in row["aliases"]:
            row["aliases"].append(name)
    if ftm_id not in row["ftm_ids"]:
        row["ftm_ids"].append(ftm_id)


LinkSpec = tuple[str, str, str, dict[str, Any]]


def _link(rec: FtmRecord, planner: _Planner) -> LinkSpec | str | None:
    """(type, start ref, end ref, props) for a link record; a string is a rejection reason."""
    build = _LINKS.get(rec.schema)
    if build is None:
        return None
    base: dict[str, Any] = {"origin": ORIGIN, "source_ids": planner.cites(rec), "ftm_id": rec.id}
    note = rec.first("description")
    if note:
        base["note"] = note
    return build(rec, planner, base)


def _dates(props: dict[str, Any], since: str | None, until: str | None) -> None:
    for name, value in (("since", since), ("until", until)):
        iso, precision = ftm_date(value)
        if iso:
            props[name] = iso
            if precision:
                props[f"{name}_precision"] = precision


def _ownership(rec: FtmRecord, planner: _Planner, base: dict[str, Any]) -> LinkSpec | str | None:
    props = dict(base)
    try:
        share = parse_share(rec.first("percentage"))
    except ShareError as exc:
        return f"Ownership {rec.id}: percentage {rec.first('percentage')!r}: {exc}"
    planner.plan.shares[share.kind] = planner.plan.shares.get(share.kind, 0) + 1
    props.update(share.props())
    _dates(props, rec.first("startDate"), rec.first("endDate"))
    role = rec.first("role") or ""
    rel_type = role if role in WALKED_TYPES - {"BRANCH_OF"} else "SUBSIDIARY_OF"
    if role and role not in FACT_TYPES:
        props["role"] = role
    return rel_type, rec.first("asset") or "", rec.first("owner") or "", props


def _sanction(rec: FtmRecord, planner: _Planner, base: dict[str, Any]) -> LinkSpec | str | None:
    list_id, list_name = _list_for(rec)
    if list_id not in planner.plan.entities:
        list_props = {
            "name": list_name,
            "source_ids": [planner.src_id],
            "origin": ORIGIN,
            "aliases": [],
            "ftm_ids": [],
            "url": rec.first("programUrl"),
        }
        planner.plan.entities[list_id] = _entity_row(list_id, "List", list_props, new=True)
    props = dict(base)
    listed = rec.first("listingDate")
    _dates(props, listed or rec.first("startDate"), rec.first("endDate"))
    if listed and rec.first("startDate") and rec.first("startDate") != listed:
        props["effective"] = ftm_date(rec.first("startDate"))[0]
    own = OUR_FACT_ID.match(rec.first("recordId") or "") is not None
    for ours, theirs in (
        ("citation" if own else "summary", "summary"),
        ("note", "reason"),
        ("url", "sourceUrl"),
        ("authority", "authority"),
        ("program", "program"),
        ("name_as_listed", "namesMentioned"),
    ):
        if rec.first(theirs):
            props[ours] = rec.first(theirs)
    if rec.all("provisions"):
        props["programs"] = rec.all("provisions")
    return "LISTED_ON", rec.first("entity") or "", list_id, props


def _document_of(rec: FtmRecord, planner: _Planner) -> str | None:
    doc = rec.first("document") or ""
    return planner.doc_source.get(doc) or our_id(doc)


def _documentation(
    rec: FtmRecord, planner: _Planner, base: dict[str, Any]
) -> LinkSpec | str | None:
    sid = _document_of(rec, planner)
    if sid is None:
        return f"Documentation {rec.id}: document {rec.first('document')!r} is not in this file"
    props = dict(base)
    props["source_ids"] = list(dict.fromkeys([*base["source_ids"], sid]))
    if rec.first("summary"):
        props["quote"] = rec.first("summary")
    return "MENTIONED_IN", rec.first("entity") or "", sid, props


def _mention(rec: FtmRecord, planner: _Planner, base: dict[str, Any]) -> LinkSpec | str | None:
    sid = _document_of(rec, planner)
    if sid is None:
        return f"Mention {rec.id}: document {rec.first('document')!r} is not in this file"
    entity = rec.first("resolved")
    if not entity:
        decision = planner.resolver.resolve(rec.first("name") or "")
        if decision.decision != "match" or decision.entity is None:
            planner.skip("Mention(unresolved)")
            return None
        entity = decision.entity.id
    props = dict(base)
    props["source_ids"] = list(dict.fromkeys([*base["source_ids"], sid]))
    return "MENTIONED_IN", entity, sid, props


def _other_link(rec: FtmRecord, planner: _Planner, base: dict[str, Any]) -> LinkSpec | str | None:
    """Our own export's UnknownLink (its role is our type) and ContractAward (PARTY_TO)."""
    role = rec.first("role") or ""
    if rec.schema == "ContractAward":
        rel_type, start, end = "PARTY_TO", rec.first("supplier"), rec.first("contract")
        role_prop = role
    else:
        rel_type, start, end = role, rec.first("subject"), rec.first("object")
        role_prop = ""
    if rel_type not in FACT_TYPES:
        planner.skip(rec.schema)
        return None
    props = dict(base)
    _dates(props, rec.first("startDate"), rec.first("endDate"))
    if role_prop:
        props["role"] = role_prop
    if rec.first("summary"):
        props["quote" if rel_type == "MENTIONED_IN" else "citation"] = rec.first("summary")
    return rel_type, start or "", end or "", props


_LINKS: dict[str, Callable[[FtmRecord, _Planner, dict[str, Any]], LinkSpec | str | None]] = {
    "Ownership": _ownership,
    "Sanction": _sanction,
    "Documentation": _documentation,
    "Mention": _mention,
    "UnknownLink": _other_link,
    "ContractAward": _other_link,
}


def load_ftm(graph: Graph, path: Path, batch_size: int = 500) -> LoadReport:
    """Parse, resolve and write one FtM JSON-lines file; returns its LoadReport."""
    from graph.schema import apply_schema

    parsed = read_ftm(path)
    report = LoadReport(loader="ftm", source=str(path))
    report.rows_read = parsed.lines
    report.rejected.extend(parsed.rejected)
    apply_schema(graph)
    src = file_source(path, parsed.datasets)
    party_ids = [r.id for r in parsed.records]
    restorable = sorted({oid for r in parsed.records for oid in [our_id(r.id)] if oid})
    for rec in parsed.records:
        for prop in ("entity", "owner", "asset", "subject", "object", "resolved", "supplier"):
            for ref in rec.all(prop):
                oid = our_id(ref)
                if oid:
                    restorable.append(oid)
    row = graph.read_one("load/ftm_known", ids=sorted(set(restorable)), ftm_ids=party_ids) or {}
    existing = set(row.get("existing") or [])
    known = {pair[0]: pair[1] for pair in row.get("known") or []}
    resolver = GraphResolver(graph, exclude_source=src["id"])
    plan = plan_ftm(parsed.records, src, existing, known, resolver, report, path.name)
    for entity in plan.entities.values():
        if entity["label"] not in ENTITY_LABELS:
            raise ValueError(f"unknown entity label {entity['label']!r}")
    for fact in plan.facts.values():
        if fact["type"] not in FACT_TYPES:
            raise ValueError(f"unknown relationship type {fact['type']!r}")
    new, enriched = _split_existing(graph, plan)
    sid = src["id"]
    sources = write_batches(graph, "load/ftm_sources", plan.sources.values(), batch_size)
    stamp = model.recorded(f"run:ftm-{sid}-{report.started_at}", report.started_at)
    at = stamp["recorded_at"]
    entities = write_batches(
        graph, "load/ftm_entities", new, batch_size, source_id=sid, recorded_at=at
    )
    facts = write_batches(graph, "load/ftm_facts", plan.facts.values(), batch_size, **stamp)
    report.sent_to_review = file_proposals(graph, plan.proposals)
    # Names added to entities the graph had change what the resolver sees, so they are
    # written last and in one transaction: a killed run either added none (its rerun plans
    # as the clean load did) or all, after everything else was already written.
    write_batches(
        graph, "load/ftm_entities", enriched, max(len(enriched), 1), source_id=sid, recorded_at=at
    )
    report.entities_created = entities.counts["nodes_created"] + sources.counts["nodes_created"]
    report.entities_merged = plan.matched
    report.relationships_created = facts.counts["relationships_created"]
    report.relationships_total = len(plan.facts)
    report.extra.update(
        {
            "source_id": src["id"],
            "restored_by_id": plan.restored,
            "new_entities": plan.new,
            "skipped": plan.skipped,
            "shares": dict(sorted(plan.shares.items())),
            "held_back_facts": sum(len(p.facts) for p in plan.proposals),
        }
    )
    report.finish()
    return report
