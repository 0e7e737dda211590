"""Reads the curated dataset in `data/` into validated records, with file and line for errors.

Parsing and validation only: a malformed record becomes a `Rejection` naming its file and
line, and the valid rest is returned. Writing is `graph.writer`'s job. The format is described
in `data/README.md`.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml

from graph.model import (
    CLAIM_STATUSES,
    ID_PREFIX,
    PRECISIONS,
    WALKED_TYPES,
    fact_id,
    fact_version,
    recorded,
    with_decided_from,
)
from graph.settings import PROJECT_ROOT
from graph.shares import ShareError, explicit_share
from loaders.plumbing.report import Rejection

DATA_DIR = PROJECT_ROOT / "data"

NODE_FILES: dict[str, str] = {
    "companies": "Company",
    "people": "Person",
    "government_bodies": "GovernmentBody",
    "places": "Place",
    "lists": "List",
    "contracts": "Contract",
}
# Nodes that are not entities (not resolved against, not on lists): what a vendor does and the
# names its products are sold under. Files, labels and id prefixes.
CATALOG_FILES: dict[str, tuple[str, str]] = {
    "sectors": ("Sector", "sector"),
    "brands": ("Brand", "brand"),
}
# Which kinds of node each relationship may join: (from labels, to labels).
ENTITY = frozenset(NODE_FILES.values())
HOLDERS = frozenset({"Company", "GovernmentBody", "Person"})
REL_ENDPOINTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "SUBSIDIARY_OF": (frozenset({"Company"}), frozenset({"Company"})),
    "OWNED_BY": (frozenset({"Company"}), HOLDERS),
    "BRANCH_OF": (frozenset({"Company"}), frozenset({"Company"})),
    "CONTROLLED_BY": (frozenset({"Company"}), HOLDERS),
    "LOCATED_IN": (frozenset({"Company", "GovernmentBody"}), frozenset({"Place"})),
    "PART_OF": (frozenset({"Place", "GovernmentBody"}), frozenset({"Place", "GovernmentBody"})),
    "PARTY_TO": (frozenset({"Company", "GovernmentBody"}), frozenset({"Contract"})),
    "AWARDED_BY": (frozenset({"Contract"}), frozenset({"GovernmentBody"})),
    "PERFORMED_IN": (frozenset({"Contract"}), frozenset({"Place"})),
    "ADMINISTERED_BY": (frozenset({"List"}), frozenset({"GovernmentBody"})),
    "LISTED_ON": (frozenset({"Company", "GovernmentBody"}), frozenset({"List"})),
    "MENTIONED_IN": (ENTITY, frozenset({"Source"})),
    "IN_SECTOR": (frozenset({"Company"}), frozenset({"Sector"})),
    "BRAND_OF": (frozenset({"Brand"}), frozenset({"Company"})),
}
# Relationships to or from catalog nodes, written by their own statement.
CATALOG_TYPES = frozenset({"IN_SECTOR", "BRAND_OF"})
DATE_FIELDS = (
    "date",
    "since",
    "until",
    "effective",
    "awarded",
    "start",
    "end",
    "maintenance_from",
    "status_date",
    "status_until",
    "share_as_of",
    "from",
    "published",
)
ID_PATTERN = re.compile(
    r"^(company|person|gov|place|list|contract|source|rule|notice|sector|brand):[a-z0-9][a-z0-9-]*$"
)
# Share fields a curated ownership or control record may give (data/README.md).
SHARE_FIELDS = (
    "share_text",
    "share_min",
    "share_max",
    "share_min_exclusive",
    "share_max_exclusive",
)
# What a notice may state about the entries it added (data/notices.yaml), as the edge type
# the loader writes from each such entry's entity to the named party.
NOTICE_RELATIONS = frozenset({"AFFILIATE_OF"})
FR_CITATION = re.compile(r"^\d+ FR \d+$")
VERSION_STATUSES = frozenset({"in_force", "suspended", "not_recorded"})
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
RESERVED = frozenset({"id", "type", "from", "to", "key", "__line__"})


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line each mapping starts on, for error messages.

    Dates stay strings (our own check reports a bad one with its line, where YAML's
    timestamp parser would abort the whole file).
    """


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class NodeRecord:
    id: str
    label: str
    props: dict[str, Any]
    where: str


@dataclass(frozen=True)
class RelationRecord:
    fact_id: str
    type: str
    start: str
    end: str
    props: dict[str, Any]
    where: str


@dataclass(frozen=True)
class RuleRecord:
    id: str
    list_ids: tuple[str, ...]
    props: dict[str, Any]
    where: str
    versions: tuple[dict[str, Any], ...] = ()


@dataclass
class CuratedData:
    sources: list[NodeRecord] = field(default_factory=list)
    nodes: list[NodeRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    rules: list[RuleRecord] = field(default_factory=list)
    notices: list[NodeRecord] = field(default_factory=list)
    catalog: list[NodeRecord] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def records_read(self) -> int:
        parts = (self.sources, self.nodes, self.catalog, self.relations, self.rules, self.notices)
        return sum(len(part) for part in parts) + len(self.rejected)


class RecordError(ValueError):
    """One record is malformed; the message says why."""


def _iso(value: Any, field_name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        raise RecordError(f"{field_name}: write a year as {value}-01-01 with a precision")
    text = str(value).strip()
    if not ISO_DATE.match(text):
        raise RecordError(f"{field_name}: {value!r} is not a date (YYYY-MM-DD)")
    try:
        date.fromisoformat(text)
    except ValueError as exc:
        raise RecordError(f"{field_name}: {value!r} is not a valid date") from exc
    return text


def _clean(record: Mapping[str, Any]) -> dict[str, Any]:
    """Neo4j stores scalars and lists of scalars: dates become ISO strings, maps flatten."""
    props: dict[str, Any] = {}
    for key, value in record.items():
        if key in RESERVED:
            continue
        if key in DATE_FIELDS or key.endswith("_date"):
            props[key] = _iso(value, key)
        elif key.endswith("_precision"):
            if value is not None and value not in PRECISIONS:
                raise RecordError(f"{key}: {value!r} is not one of {sorted(PRECISIONS)}")
            props[key] = value
        elif isinstance(value, Mapping):
            props[key] = [f"{k}:{v}" for k, v in value.items() if v is not None]
        elif isinstance(value, list):
            if any(isinstance(v, Mapping | list) for v in value):
                raise RecordError(f"{key}: lists may hold only plain values")
            props[key] = [_iso(v, key) if isinstance(v, date) else v for v in value]
        elif isinstance(value, datetime | date):
            props[key] = _iso(value, key)
        else:
            props[key] = value
    return props


def _source_ids(record: Mapping[str, Any], field_name: str = "source_ids") -> list[str]:
    value = record.get(field_name)
    if value is None and field_name == "source_ids":
        raise RecordError("source_ids is missing: every fact needs a source")
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"{field_name} must be a list of source ids")
    if field_name == "source_ids" and not value:
        raise RecordError("source_ids is empty: every fact needs a source")
    return list(value)


def _read_yaml(path: Path, rejected: list[Rejection]) -> list[dict[str, Any]]:
    try:
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        rejected.append(Rejection(f"{path.name}{line}", f"not valid YAML: {exc}"))
        return []
    if loaded is None:
        return []
    if not isinstance(loaded, list):
        rejected.append(Rejection(path.name, "the file must be a YAML list of records"))
        return []
    records: list[dict[str, Any]] = []
    for index, item in enumerate(loaded):
        if not isinstance(item, dict):
            rejected.append(Rejection(f"{path.name}#{index + 1}", "a record must be a mapping"))
            continue
        records.append(item)
    return records


def _where(path: Path, record: Mapping[str, Any]) -> str:
    return f"{path.name}:{record.get('__line__', '?')}"


def read_curated(data_dir: Path = DATA_DIR) -> CuratedData:
    """Parse and validate every file; cross-references are checked against all the files."""
    reader = _Reader(data_dir)
    reader.sources()
    reader.nodes()
    reader.catalog()
    reader.relations()
    reader.rules()
    reader.notices()
    return reader.data


class _Reader:
    """Reads the files in dependency order (sources, nodes, relations, rules), keeping every
    id seen so later files are checked against earlier ones; a bad record is kept aside."""

    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir
        self.data = CuratedData()
        self.ids: dict[str, str] = {}  # id -> label ("Source" for sources)

    def each(self, path: Path, take: Callable[[Path, dict[str, Any]], None]) -> None:
        self.data.files.append(path.name)
        for record in _read_yaml(path, self.data.rejected):
            try:
                take(path, record)
            except RecordError as exc:
                self.data.rejected.append(Rejection(_where(path, record), str(exc)))

    def take_id(self, record: Mapping[str, Any], label: str) -> str:
        node_id = record.get("id")
        if not isinstance(node_id, str) or not ID_PATTERN.match(node_id):
            raise RecordError(f"id {node_id!r} is not a prefixed slug like company:hikvision")
        prefixes = {"Source": "source", "NoticeStatement": "notice"}
        prefixes.update({label: prefix for label, prefix in CATALOG_FILES.values()})
        expected = prefixes.get(label) or ID_PREFIX.get(label, "rule")
        if not node_id.startswith(f"{expected}:"):
            raise RecordError(f"id {node_id!r} should start with {expected}:")
        if node_id in self.ids:
            raise RecordError(f"duplicate id {node_id!r}")
        if not record.get("name") and not record.get("title"):
            raise RecordError("a name (or, for a source, a title) is required")
        return node_id

    def check_sources(self, record: Mapping[str, Any]) -> None:
        for name in ("source_ids", "status_source_ids"):
            if name not in record and name != "source_ids":
                continue
            for source_id in _source_ids(record, name):
                if self.ids.get(source_id) != "Source":
                    raise RecordError(f"{name}: unknown source {source_id!r}")

    def sources(self) -> None:
        def take(path: Path, record: dict[str, Any]) -> None:
            node_id = self.take_id(record, "Source")
            props = _clean(record)
            self.ids[node_id] = "Source"
            self.data.sources.append(NodeRecord(node_id, "Source", props, _where(path, record)))

        path = self.dir / "sources.yaml"
        if path.exists():
            self.each(path, take)

    def nodes(self) -> None:
        """Ids first, over every node file, so a node may cite any other; then the checks."""
        pending: list[tuple[Path, dict[str, Any], str]] = []
        for stem, label in NODE_FILES.items():
            path = self.dir / f"{stem}.yaml"
            if not path.exists():
                continue

            def take(path: Path, record: dict[str, Any], label: str = label) -> None:
                self.ids[self.take_id(record, label)] = label
                pending.append((path, record, label))

            self.each(path, take)
        for path, record, label in pending:
            try:
                self.check_sources(record)
                node = NodeRecord(record["id"], label, _clean(record), _where(path, record))
                self.data.nodes.append(node)
            except RecordError as exc:
                self.data.rejected.append(Rejection(_where(path, record), str(exc)))
                self.ids.pop(record["id"], None)

    def catalog(self) -> None:
        """Sectors and brands: named, cited nodes that are not entities."""
        for stem, (label, _prefix) in CATALOG_FILES.items():
            path = self.dir / f"{stem}.yaml"
            if not path.exists():
                continue

            def take(path: Path, record: dict[str, Any], label: str = label) -> None:
                node_id = self.take_id(record, label)
                self.check_sources(record)
                self.ids[node_id] = label
                self.data.catalog.append(
                    NodeRecord(node_id, label, _clean(record), _where(path, record))
                )

            self.each(path, take)

    def relations(self) -> None:
        seen_facts: set[str] = set()

        def take(path: Path, record: dict[str, Any]) -> None:
            relation = _relation(record, path, self.ids, seen_facts, self.check_sources)
            self.data.relations.append(relation)

        for path in sorted(self.dir.glob("relations*.yaml")):
            self.each(path, take)

    def rules(self) -> None:
        def take(path: Path, record: dict[str, Any]) -> None:
            rule_id = self.take_id(record, "Rule")
            lists = _rule_lists(record)
            for list_id in lists:
                if self.ids.get(list_id) != "List":
                    raise RecordError(f"lists: unknown list {list_id!r}")
            self.check_sources(record)
            versions = tuple(self.version(v) for v in _versions(record))
            self.ids[rule_id] = "Rule"
            props = _clean({k: v for k, v in record.items() if k not in ("versions", "lists")})
            props["from"] = _iso(record.get("from"), "from")  # `from` is reserved for relations
            props["list"], props["lists"] = lists[0], list(lists)
            where = _where(path, record)
            self.data.rules.append(RuleRecord(rule_id, lists, props, where, versions))

        path = self.dir / "rules.yaml"
        if path.exists():
            self.each(path, take)

    def notices(self) -> None:
        """What a designating notice states about the entries it added: checked here, linked
        to the entries by `loaders.notices` once both the statement and the list are loaded."""

        def take(path: Path, record: dict[str, Any]) -> None:
            notice_id = self.take_id(record, "NoticeStatement")
            _check_notice(record, self.ids)
            self.check_sources(record)
            self.ids[notice_id] = "NoticeStatement"
            props = {**_clean(record), "list": record["list"], "party": record["party"]}
            props["notice_relation"] = props.pop("relation")
            where = _where(path, record)
            self.data.notices.append(NodeRecord(notice_id, "NoticeStatement", props, where))

        path = self.dir / "notices.yaml"
        if path.exists():
            self.each(path, take)

    def version(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """One dated version of a rule: its status, dates and citation, each cited."""
        if not isinstance(record, Mapping):
            raise RecordError("versions: each version is a mapping")
        status = record.get("status")
        if status not in VERSION_STATUSES:
            raise RecordError(
                f"versions: status {status!r} is not one of {sorted(VERSION_STATUSES)}"
            )
        self.check_sources(record)
        props = {**_clean(record), "from": _iso(record.get("from"), "versions: from")}
        if props.get("from") and props.get("until") and props["until"] <= props["from"]:
            raise RecordError(f"versions: until {props['until']} is not after from {props['from']}")
        return props


def _check_notice(record: Mapping[str, Any], ids: Mapping[str, str]) -> None:
    """A notice statement names its list, its party, the relation and the citation the list's
    entries carry, and quotes the notice."""
    if ids.get(str(record.get("list"))) != "List":
        raise RecordError(f"list: unknown list {record.get('list')!r}")
    if ids.get(str(record.get("party"))) not in ENTITY - {"List", "Contract", "Place"}:
        raise RecordError(f"party: unknown company, person or body {record.get('party')!r}")
    if record.get("relation") not in NOTICE_RELATIONS:
        raise RecordError(
            f"relation {record.get('relation')!r} is not one of {sorted(NOTICE_RELATIONS)}"
        )
    for name in ("citation", "entries_cite"):
        if not FR_CITATION.match(str(record.get(name) or "")):
            raise RecordError(f"{name}: {record.get(name)!r} is not a citation like '84 FR 22963'")
    if not str(record.get("quote") or "").strip():
        raise RecordError("quote: the notice's words are the basis of every link it makes")
    named = record.get("entries_named")
    if named is not None and (
        not isinstance(named, list) or not named or not all(isinstance(n, str) for n in named)
    ):
        raise RecordError("entries_named: the names the notice gives, as a list of strings")


def _rule_lists(record: Mapping[str, Any]) -> tuple[str, ...]:
    """`lists` (the lists a rule reaches from) or the older single `list`."""
    lists = record.get("lists") or [record.get("list")]
    if not isinstance(lists, list) or not all(isinstance(x, str) for x in lists):
        raise RecordError("lists: a list of list ids (or `list`: one id)")
    return tuple(lists)


def _versions(record: Mapping[str, Any]) -> list[Any]:
    """A rule's versions, oldest first, none overlapping another."""
    versions = record.get("versions") or []
    if not isinstance(versions, list):
        raise RecordError("versions: a list of dated versions")
    dated = [v for v in versions if isinstance(v, Mapping)]
    starts = [str(v.get("from") or "") for v in dated]
    if starts != sorted(starts):
        raise RecordError("versions: write them oldest first")
    for before, after in itertools.pairwise(dated):
        if not before.get("until") or str(before["until"]) > str(after.get("from")):
            raise RecordError(f"versions: the version from {before.get('from')} overlaps the next")
    return versions


def _relation(
    record: Mapping[str, Any],
    path: Path,
    ids: Mapping[str, str],
    seen: set[str],
    check_sources: Any,
) -> RelationRecord:
    rel_type = record.get("type")
    if rel_type not in REL_ENDPOINTS:
        raise RecordError(f"type {rel_type!r} is not one of {sorted(REL_ENDPOINTS)}")
    start, end = record.get("from"), record.get("to")
    allowed_from, allowed_to = REL_ENDPOINTS[rel_type]
    for role, node_id, allowed in (("from", start, allowed_from), ("to", end, allowed_to)):
        label = ids.get(str(node_id))
        if label is None:
            raise RecordError(f"{role}: unknown id {node_id!r}")
        if label not in allowed:
            raise RecordError(f"{role}: {rel_type} cannot {role} a {label} ({node_id})")
    check_sources(record)
    props = _clean(record)
    if rel_type in WALKED_TYPES:
        props = _with_share(props)
    elif any(k in props for k in (*SHARE_FIELDS, "share")):
        raise RecordError(f"a share belongs on an ownership or control edge, not {rel_type}")
    if rel_type == "LISTED_ON":
        _check_life_cycle(props)
    since, until = props.get("since"), props.get("until")
    if since and until and until < since:
        raise RecordError(f"until {until} is before since {since}")
    key = str(record.get("key") or "")
    fid = fact_id(str(rel_type), str(start), str(end), key)
    if fid in seen:
        raise RecordError(
            f"a second {rel_type} from {start} to {end} with the same key: give each claim a "
            "distinct `key`"
        )
    seen.add(fid)
    if key:
        props["key"] = key
    return RelationRecord(fid, str(rel_type), str(start), str(end), props, _where(path, record))


def _with_share(props: dict[str, Any]) -> dict[str, Any]:
    """The record's share fields read into the stored ones (graph/shares.py): `share_text`
    (the source's words) read as its words allow, or the curator's explicit bounds."""
    given = {k: props.pop(k) for k in (*SHARE_FIELDS, "share") if k in props}
    text = given.get("share_text", given.get("share"))
    if text is not None and not isinstance(text, str | int | float):
        raise RecordError("share_text: the source's words, as a string")
    try:
        share = explicit_share(
            str(text) if text is not None else None,
            given.get("share_min"),
            given.get("share_max"),
            bool(given.get("share_min_exclusive")),
            bool(given.get("share_max_exclusive")),
        )
    except (ShareError, TypeError, ValueError) as exc:
        raise RecordError(f"share: {exc}") from exc
    if props.get("share_as_of_precision") and not props.get("share_as_of"):
        raise RecordError("share_as_of_precision without share_as_of")
    return {**props, **share.props()}


def _check_life_cycle(props: Mapping[str, Any]) -> None:
    status = props.get("status")
    if status is None:
        return
    if status not in CLAIM_STATUSES:
        raise RecordError(f"status {status!r} is not one of {sorted(CLAIM_STATUSES)}")
    if status != "in_force" and not (props.get("status_date") and props.get("status_source_ids")):
        raise RecordError(f"status {status}: give its status_date and status_source_ids")


def iter_all_source_ids(data: CuratedData) -> Iterable[str]:
    """Every source id any record cites (for integrity checks)."""
    for node in data.nodes:
        yield from node.props.get("source_ids", [])
    for rel in data.relations:
        yield from rel.props.get("source_ids", [])
    for rule in data.rules:
        yield from rule.props.get("source_ids", [])


CURATED_STATEMENTS = (
    "load/curated_sources",
    "load/curated_entities",
    "load/curated_catalog",
    "load/curated_rules",
    "load/curated_relations",
    "load/curated_notices",
    "load/curated_prune",
)


def curated_rows(
    data: CuratedData, stamp: Mapping[str, str] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The dataset as rows of the curated statements (labels and types checked); `stamp`
    (graph.model.recorded) is the record time of what this load changes."""
    from graph import writer

    stamp = dict(stamp or curated_stamp(now_utc()))

    relations: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []  # catalog facts and mentions: not relations between entities
    for rel in data.relations:
        props: dict[str, Any] = {**rel.props, "origin": "curated"}
        row: dict[str, Any] = {
            "fact_id": rel.fact_id,
            "type": rel.type,
            "start": rel.start,
            "end": rel.end,
        }
        if rel.type in CATALOG_TYPES:
            others.append({**row, "props": with_decided_from(props)})
            continue
        row["props"] = props
        (others if rel.type == "MENTIONED_IN" else relations).append(row)
    return {
        "load/curated_sources": [{"id": s.id, "props": s.props} for s in data.sources],
        "load/curated_entities": writer.entity_rows(
            {"id": n.id, "label": n.label, "props": n.props, **stamp} for n in data.nodes
        ),
        "load/curated_catalog": [_catalog_row(data)],
        "load/curated_rules": [{**_rule_row(r), **stamp} for r in data.rules],
        "load/curated_relations": [
            {**r, "version": fact_version(r["props"]), **stamp}
            for r in [*writer.relation_rows(relations), *others]
        ],
        "load/curated_notices": [
            {
                "ids": [n.id for n in data.notices],
                "notices": [{"id": n.id, "props": n.props} for n in data.notices],
            }
        ],
        "load/curated_prune": [{"fact_ids": [rel.fact_id for rel in data.relations], **stamp}],
    }


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def curated_stamp(started: datetime) -> dict[str, str]:
    """The curated load's record-time stamp: `run:curated-<started>` and its time (the curated
    dataset has no snapshot digest; its facts are stamped only when they change)."""
    return recorded(f"run:curated-{started.strftime('%Y%m%dT%H%M%SZ')}", started.isoformat())


def _catalog_row(data: CuratedData) -> dict[str, Any]:
    """Sectors and brands by label (labels from CATALOG_FILES only), and every id, so those no
    longer in the data are removed."""
    by_label: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in CATALOG_FILES.values()}
    for node in data.catalog:
        by_label[node.label].append({"id": node.id, "props": node.props})
    return {
        "sectors": by_label["Sector"],
        "brands": by_label["Brand"],
        "ids": [node.id for node in data.catalog],
    }


def _share_kinds(data: CuratedData) -> dict[str, int]:
    """Ownership and control records by how their share is stated (graph/shares.py)."""
    kinds = Counter(str(r.props["share_kind"]) for r in data.relations if "share_kind" in r.props)
    return dict(sorted(kinds.items()))


def _rule_row(rule: RuleRecord) -> dict[str, Any]:
    versions = [
        {"id": f"{rule.id}@{v.get('from') or 'start'}", "props": v, "version": fact_version(v)}
        for v in rule.versions
    ]
    return {
        "id": rule.id,
        "list_ids": list(rule.list_ids),
        "props": rule.props,
        "versions": versions,
    }


def load_curated(graph: Any, data_dir: Path = DATA_DIR, started: datetime | None = None) -> Any:
    """Apply the schema and load `data/` as one batch, so in one transaction: the dataset
    loads whole or not at all. Returns the LoadReport.

    `graph` is a `graph.db.Graph`; the import is local so parsing stays free of the driver.
    """
    from graph import writer
    from graph.schema import apply_schema
    from loaders.plumbing.report import LoadReport

    data = read_curated(data_dir)
    report = LoadReport(loader="curated", source=str(data_dir))
    report.rows_read = data.records_read
    report.rejected.extend(data.rejected)
    apply_schema(graph)
    before = writer.counts(graph)
    with writer.BatchWriter(graph, CURATED_STATEMENTS, batch_size=sys.maxsize) as batches:
        stamp = curated_stamp(started or now_utc())
        batches.add(curated_rows(data, stamp), records=data.records_read)
    created = batches.created("load/curated_sources") + batches.created("load/curated_entities")
    pruned = batches.returned["load/curated_prune"]
    report.entities_created = created
    report.entities_merged = len(data.nodes) + len(data.sources) - created
    report.relationships_created = batches.counts["relationships_created"]
    report.relationships_total = len(data.relations)
    report.extra.update(
        {
            "files": data.files,
            "sources": len(data.sources),
            "entities": len(data.nodes),
            "relations": len(data.relations),
            "rules": len(data.rules),
            "notices": len(data.notices),
            "sectors_and_brands": len(data.catalog),
            "shares": _share_kinds(data),
            "missing_endpoints": len(batches.returned["load/curated_relations"]),
            "pruned_stale_facts": int(pruned[0]["pruned"]) if pruned else 0,
            "graph_before": before,
            "graph_after": writer.counts(graph),
        }
    )
    from loaders.notices import link_notices

    report.extra["notice_links"] = link_notices(graph)
    report.finish()
    return report
