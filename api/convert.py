"""Rows of the `cypher/api/*.cypher` statements into answer models, one small function each.

Statements return maps, lists and scalars (projections, `properties(r)`), so conversion is
plain dict work; every cited source id is looked up in the statement's own Source rows
(`SourceBook`), and an id with no Source node stays visible as `found: false`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from api import models as m
from api import status as rule_of
from api.resolution import Candidate
from graph import coverage
from graph.model import RECORD_KEYS, relation_of
from graph.shares import SHARE_PROPS, Share, share_of

_EDGE_KEYS = (
    "fact_id",
    "origin",
    "note",
    "source_ids",
    "basis",
    "ownership",
    *SHARE_PROPS,
    "share",
    "share_as_of",
    "share_as_of_precision",
)
_CLAIM_KEYS = (
    "since",
    "since_precision",
    "decided_from",
    "effective",
    "until",
    "until_precision",
    "citation",
    "name_as_listed",
    "programs",
    "key",
    "fact_id",
    "origin",
    "note",
    "end_reason",
    "ended_by_run",
    "status",
    "status_date",
    "status_until",
    "status_citation",
    "status_note",
    "status_source_ids",
    "source_ids",
)
# Record-time bookkeeping a claim's properties leave out (recorded_at, first_recorded_at and
# recorded_until stay: when survgraph recorded the claim, and stopped holding it).
_BOOKKEEPING = RECORD_KEYS - {"recorded_at", "first_recorded_at", "recorded_until"}
_LIST_CLAIM_KEYS = ("programs", "source_ids", "status_source_ids")
_SOURCE_FIELDS = (
    "title",
    "publisher",
    "author",
    "date",
    "date_precision",
    "url",
    "kind",
    "citation",
    "licence",
    "note",
)
_LIST_FIELDS = ("name", "short_name", "jurisdiction", "kind", "url", "legal_basis")
_LIST_FRESHNESS = ("publisher_updated", "loaded_at", "snapshot_source_id", "entry_count")
_CONTRACT_FIELDS = ("name", "description", "awarded", "start", "end", "status", "status_date")
Row = Mapping[str, Any]


def text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def ids(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def count(value: Any) -> int | None:
    return int(value) if isinstance(value, int) else None


def share(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def interval(s: Share, as_of: Any = None, precision: Any = None) -> m.ShareInterval:
    return m.ShareInterval(
        min=s.min,
        max=s.max,
        min_exclusive=s.min_exclusive,
        max_exclusive=s.max_exclusive,
        text=s.stated,
        kind=s.kind,
        words=s.words(),
        as_of=text(as_of),
        as_of_precision=text(precision),
    )


def kind_labels(labels: Iterable[str]) -> list[str]:
    return [label for label in labels if label != "Entity"]


def entity_ref(row: Row | None) -> m.EntityRef:
    row = row or {}
    return m.EntityRef(
        id=str(row.get("id")), name=row.get("name"), labels=kind_labels(row.get("labels") or [])
    )


def list_ref(list_id: str, name: str | None = None) -> m.EntityRef:
    return m.EntityRef(id=list_id, name=name, labels=["List"])


class SourceBook:
    """Source nodes returned by a statement, looked up by id; unknown ids stay visible."""

    def __init__(self, rows: Iterable[Row]) -> None:
        self._by_id = {str(r["id"]): r for r in rows if r and r.get("id")}

    def all_ids(self) -> list[str]:
        return list(self._by_id)

    def refs(self, source_ids: Iterable[str]) -> list[m.SourceRef]:
        return [self.ref(sid) for sid in dict.fromkeys(source_ids)]

    def ref(self, sid: str) -> m.SourceRef:
        row = self._by_id.get(sid)
        if row is None:
            return m.SourceRef(id=sid, found=False)
        fields: dict[str, Any] = {k: text(row.get(k)) for k in _SOURCE_FIELDS}
        return m.SourceRef.model_validate({**fields, "id": sid})


def edge(row: Row, book: SourceBook | None) -> m.Edge:
    """An edge row `{type, start, end, props}`; without a book only the source ids are given."""
    props = dict(row.get("props") or {})
    source_ids = ids(props.get("source_ids"))
    kind = str(row["type"])
    relation = relation_of(kind) or ("link" if kind == "LINKED_TO" else None)
    held = relation in ("ownership", "branch", "control")
    return m.Edge(
        type=kind,
        from_id=str(row["start"]),
        to_id=str(row["end"]),
        fact_id=props.get("fact_id"),
        origin=props.get("origin"),
        note=props.get("note"),
        basis=text(props.get("basis")) or text(props.get("note")) or text(props.get("role")),
        ownership=None if relation is None else relation in ("ownership", "branch"),
        relation=relation,  # type: ignore[arg-type]
        share=interval(share_of(props), *_as_of(props)) if held else None,
        properties={
            k: v for k, v in props.items() if k not in _EDGE_KEYS and k not in _BOOKKEEPING
        },
        source_ids=source_ids,
        sources=book.refs(source_ids) if book is not None else [],
    )


def _as_of(props: Row) -> tuple[Any, Any]:
    return props.get("share_as_of"), props.get("share_as_of_precision")


def link(row: Row, book: SourceBook) -> m.Link:
    return m.Link(entity=entity_ref(row["entity"]), edge=edge(row["edge"], book))


def claim(row: Row, book: SourceBook) -> m.Claim:
    """One LISTED_ON row `{list, props, in_force, decided}` as a claim with its sources."""
    props = dict(row.get("props") or {})
    source_ids = ids(props.get("source_ids"))
    fields = {k: text(props.get(k)) for k in _CLAIM_KEYS if k not in _LIST_CLAIM_KEYS}
    return m.Claim.model_validate(
        {
            **fields,
            "in_force": bool(row.get("in_force")),
            "decided": bool(row.get("decided")),
            "vague": is_vague(fields["since"], fields["decided_from"]),
            "programs": ids(props.get("programs")),
            "status_source_ids": ids(props.get("status_source_ids")),
            "properties": {
                k: v for k, v in props.items() if k not in _CLAIM_KEYS and k not in _BOOKKEEPING
            },
            "source_ids": source_ids,
            "sources": book.refs(source_ids),
        }
    )


def is_vague(since: str | None, decided_from: str | None) -> bool:
    """A dated claim that does not decide from its own since day (graph.model.decided_from:
    a year or month claim decides later, an approximate or "after" one never)."""
    return since is not None and decided_from != since


def snapshot(list_row: Row, book: SourceBook) -> m.ListSnapshot | None:
    """The list load a designation comes from, when the list was loaded from a snapshot."""
    snap_id = text(list_row.get("snapshot_source_id"))
    if not snap_id and not list_row.get("loaded_at"):
        return None
    return m.ListSnapshot(
        snapshot_source_id=snap_id,
        loaded_at=text(list_row.get("loaded_at")),
        publisher_updated=text(list_row.get("publisher_updated")),
        entry_count=count(list_row.get("entry_count")),
        source=book.ref(snap_id) if snap_id else None,
    )


def designation(
    list_row: Row, claims: Sequence[m.Claim], book: SourceBook, day: str
) -> m.Designation:
    """Every claim about one (entity, list) pair as one designation on `day` (api/status.py)."""
    status = rule_of.status_on(claims, day)
    snap_id = text(list_row.get("snapshot_source_id"))
    cited = [*(s for c in claims for s in c.source_ids), *([snap_id] if snap_id else [])]
    source_ids = list(dict.fromkeys(cited))
    return m.Designation(
        list_ref=list_ref(str(list_row["id"]), list_row.get("name") or list_row.get("short_name")),
        in_force=status.status == "in_force",
        status=status.status,
        reason=status.reason,
        since=rule_of.first_since(claims),
        until=status.until,
        citation=rule_of.first_citation(claims),
        claims=list(claims),
        vague_claims=[c.fact_id or c.key or "" for c in claims if c.vague],
        snapshot=snapshot(list_row, book),
        source_ids=source_ids,
        sources=book.refs(source_ids),
    )


def designations(rows: Iterable[Row], book: SourceBook, day: str) -> list[m.Designation]:
    """Claim rows (any order) grouped per list, in the order lists first appear."""
    groups: dict[str, tuple[Row, list[m.Claim]]] = {}
    for row in rows:
        if row:
            entry = groups.setdefault(str(row["list"]["id"]), (row["list"], []))
            entry[1].append(claim(row, book))
    return [designation(lr, cs, book, day) for lr, cs in groups.values()]


def rule(row: Row, book: SourceBook, day: str | None = None) -> m.Rule:
    source_ids = ids(row.get("source_ids"))
    status = coverage.rule_on(row, day) if day else None
    return m.Rule(
        id=str(row["id"]),
        name=row.get("name"),
        kind=row.get("kind"),
        threshold_share=share(row.get("threshold_share")),
        lists=ids(row.get("lists")) or [x for x in [text(row.get("list"))] if x],
        status=row.get("status"),
        status_on_as_of=status.status if status else None,
        status_reason=status.reason if status else None,
        from_date=text(row.get("from")),
        until=text(row.get("until")),
        versions=[rule_version(v, book) for v in coverage.versions_of(row)],
        citation=row.get("citation"),
        text=row.get("text"),
        source_ids=source_ids,
        sources=book.refs(source_ids),
    )


def rule_version(v: coverage.Version, book: SourceBook) -> m.RuleVersion:
    return m.RuleVersion(
        status=v.status,
        from_date=v.start,
        until=v.until,
        citation=v.citation,
        note=v.note,
        source_ids=list(v.source_ids),
        sources=book.refs(v.source_ids),
    )


def path(row: Row, book: SourceBook) -> m.Path:
    return m.Path(
        length=len(row["edges"]),
        nodes=[entity_ref(n) for n in row["nodes"]],
        edges=[edge(e, book) for e in row["edges"]],
    )


def subsidiary(row: Row, book: SourceBook, day: str) -> m.Subsidiary:
    own = designations(row["designations"], book, day)
    return m.Subsidiary(
        entity=entity_ref(row["entity"]),
        depth=int(row["depth"]),
        path=[edge(e, book) for e in row["path"]],
        listed=any(d.in_force for d in own),
        designations=own,
    )


def list_summary(row: Row, book: SourceBook) -> m.ListSummary:
    node = dict(row["list"])
    node.pop("labels", None)
    source_ids = ids(node.pop("source_ids", []))
    snap = text(node.get("snapshot_source_id"))
    known = ("id", *_LIST_FIELDS, *_LIST_FRESHNESS)
    return m.ListSummary(
        **{k: text(node.get(k)) for k in _LIST_FIELDS},
        id=str(node["id"]),
        publisher_updated=text(node.get("publisher_updated")),
        loaded_at=text(node.get("loaded_at")),
        entry_count=count(node.get("entry_count")),
        snapshot_source_id=snap,
        attributes={k: v for k, v in node.items() if k not in known},
        administered_by=[entity_ref(g) for g in row["administered_by"]],
        recorded=int(row["recorded"]),
        in_force=int(row["in_force"]),
        source_ids=source_ids,
        sources=book.refs([*source_ids, *([snap] if snap else [])]),
    )


def list_entry(row: Row, book: SourceBook, day: str) -> m.ListEntry:
    return m.ListEntry(
        entity=entity_ref(row["entity"]), designation=designations(row["claims"], book, day)[0]
    )


def contract(row: Row, book: SourceBook) -> m.Contract:
    node = dict(row["contract"])
    node.pop("labels", None)
    source_ids = ids(node.pop("source_ids", []))
    status_ids = ids(node.pop("status_source_ids", []))
    return m.Contract(
        **{k: text(node.get(k)) for k in _CONTRACT_FIELDS},
        id=str(node.pop("id")),
        attributes={k: v for k, v in node.items() if k not in _CONTRACT_FIELDS},
        parties=[link(p, book) for p in row["parties"]],
        awarded_by=[link(p, book) for p in row["awarded_by"]],
        performed_in=[link(p, book) for p in row["performed_in"]],
        source_ids=source_ids,
        status_source_ids=status_ids,
        sources=book.refs([*source_ids, *status_ids]),
    )


def timeline_event(row: Row, book: SourceBook) -> m.TimelineEvent:
    return m.TimelineEvent(
        kind=str(row["kind"]),
        date=str(row["date"]),
        precision=text(row.get("precision")),
        subject=m.EntityRef(id=str(row["subject"]), name=row.get("subject_name")),
        citation=text(row.get("citation")),
        source_ids=ids(row.get("source_ids")),
        sources=book.refs(ids(row.get("source_ids"))),
    )


def change(row: Row) -> m.Change:
    return m.Change(
        id=str(row["id"]),
        at=str(row["at"]),
        kind=str(row["kind"]),
        list_ref=m.EntityRef(id=str(row["list_id"]), labels=["List"]),
        entry_id=text(row.get("entry_id")),
        name=text(row.get("name")),
        entity_id=text(row.get("entity_id")),
        run_id=text(row.get("run_id")),
    )


def search_hit(c: Candidate) -> m.SearchHit:
    return m.SearchHit(
        id=c.id, name=c.name, score=round(c.score, 4), alias=c.alias, labels=kind_labels(c.labels)
    )
