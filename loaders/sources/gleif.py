"""GLEIF's LEI data (Level 1: who is who; Level 2: who owns whom), read. CC0.

Parsing only: `iter_gleif(path)` yields typed records (or a `Rejection` with why):

* `LeiRecord` — an entity's LEI, legal name, other names, country and statuses;
* `Relationship` — a relationship record: the start node (the child) "IS_DIRECTLY_CONSOLIDATED_BY"
  or "IS_ULTIMATELY_CONSOLIDATED_BY" the end node (the parent), or "IS_INTERNATIONAL_BRANCH_OF",
  with its status (ACTIVE / INACTIVE) and periods. The relationship's own dates are its
  RELATIONSHIP_PERIOD; an ACCOUNTING_PERIOD is the financial year of the consolidated accounts
  that document it, never its start or end;
* `ReportingException` — why an entity reports no parent (category DIRECT_ACCOUNTING_
  CONSOLIDATION_PARENT or ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT; reason NON_CONSOLIDATING,
  NATURAL_PERSONS, NON_PUBLIC, NO_KNOWN_PERSON, ...). A stated reason, never "no parent".

Layouts read:

* the GLEIF API's JSON:API documents (`/lei-records`, `/lei-records/{lei}`,
  `.../direct-parent-relationship`, `.../ultimate-parent-relationship`,
  `.../direct-parent-reporting-exception`, ...): `data` one resource or a list, by its `type`
  (`lei-records`, `relationship-records`, `reporting-exceptions`); a JSON array of such
  documents; and the one document `survgraph update --source gleif` writes (the same
  resources gathered under one `data`);
* the golden copy CSVs: relationship records ("RR CDF": `Relationship.StartNode.NodeID`,
  `Relationship.EndNode.NodeID`, `Relationship.RelationshipType`,
  `Relationship.RelationshipStatus`, `Relationship.Period.N.startDate/endDate/periodType`,
  `Registration.*`), reporting exceptions (`LEI`, `Exception.Category`, `Exception.Reason.1`,
  `Exception.Reference.1`) and LEI records (`LEI`, `Entity.LegalName`, ...).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.plumbing.report import Rejection
from loaders.sources.descriptor import Download, RegisterSource

__all__ = [
    "PARENT_TYPES",
    "SOURCE",
    "GleifRecord",
    "LeiRecord",
    "Relationship",
    "ReportingException",
    "iter_gleif",
]

API_URL = "https://api.gleif.org/api/v1"
PAGE_URL = "https://www.gleif.org/en/lei-data/access-and-use-lei-data/level-2-data-who-owns-whom"
# GLEIF's relationship type -> ours: accounting consolidation is control (IFRS 10, US GAAP),
# not a stated share; an international branch is part of its company.
PARENT_TYPES: dict[str, str] = {
    "IS_DIRECTLY_CONSOLIDATED_BY": "CONTROLLED_BY",
    "IS_ULTIMATELY_CONSOLIDATED_BY": "CONTROLLED_BY",
    "IS_INTERNATIONAL_BRANCH_OF": "BRANCH_OF",
}
_PERIODS = 5  # the RR CDF golden copy's Relationship.Period.1..5 columns


@dataclass(frozen=True, slots=True)
class LeiRecord:
    """An entity as GLEIF registers it (Level 1)."""

    where: str
    lei: str
    name: str
    other_names: tuple[str, ...] = ()
    country: str | None = None  # the legal address's country (ISO 3166 alpha-2)
    jurisdiction: str | None = None
    entity_status: str | None = None  # ACTIVE | INACTIVE
    registration_status: str | None = None  # ISSUED | LAPSED | RETIRED | ...
    last_update: str | None = None
    # An API answer holds what was asked for; a golden copy row is one of millions, loaded only
    # for an LEI the graph or a loaded relationship names.
    asked: bool = True


@dataclass(frozen=True, slots=True)
class Relationship:
    """A relationship record (Level 2): `child` <type> `parent`, with its periods."""

    where: str
    child: str
    parent: str
    type: str  # IS_DIRECTLY_CONSOLIDATED_BY | IS_ULTIMATELY_CONSOLIDATED_BY | ...
    status: str  # ACTIVE | INACTIVE
    start: str | None  # the RELATIONSHIP_PERIOD's start (ISO date)
    end: str | None  # the RELATIONSHIP_PERIOD's end (ISO date)
    periods: tuple[str, ...] = ()  # every period, "TYPE start..end"
    registration_status: str | None = None  # PUBLISHED | LAPSED | RETIRED | ...
    corroboration: str | None = None
    last_update: str | None = None
    record_id: str | None = None
    golden: bool = False  # a golden copy row: one of hundreds of thousands, most not ours

    @property
    def scope(self) -> str:
        return "ultimate" if self.type == "IS_ULTIMATELY_CONSOLIDATED_BY" else "direct"


@dataclass(frozen=True, slots=True)
class ReportingException:
    """Why an entity reports no direct or ultimate parent."""

    where: str
    lei: str
    category: str  # DIRECT_ACCOUNTING_CONSOLIDATION_PARENT | ULTIMATE_...
    reason: str  # NON_CONSOLIDATING | NATURAL_PERSONS | NON_PUBLIC | NO_KNOWN_PERSON | ...
    reference: str | None = None
    golden: bool = False  # a golden copy row

    @property
    def scope(self) -> str:
        return "ultimate" if self.category.startswith("ULTIMATE") else "direct"

    def words(self) -> str:
        """The stored statement: "direct parent not reported: NON_CONSOLIDATING"."""
        return f"{self.scope} parent not reported: {self.reason}"


GleifRecord = LeiRecord | Relationship | ReportingException


def _day(value: Any) -> str | None:
    """An ISO date from GLEIF's timestamps ("2007-06-05T00:00:00Z"); the local date of one
    with an offset ("2021-12-31T01:00:00+01:00" -> 2021-12-31)."""
    text = str(value or "").strip()
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        return None
    return text[:10]


def _text(value: Any) -> str | None:
    text = " ".join(str(value or "").split())
    return text or None


def _relationship(
    where: str,
    node: Mapping[str, Any],
    reg: Mapping[str, Any],
    rid: str | None,
    golden: bool = False,
) -> Relationship | Rejection:
    child = _text((node.get("startNode") or {}).get("id"))
    parent = _text((node.get("endNode") or {}).get("id"))
    rtype, status = _text(node.get("type")), _text(node.get("status"))
    if not child or not parent or not rtype:
        return Rejection(where, "a relationship record without its start node, end node or type")
    if rtype not in PARENT_TYPES:
        return Rejection(where, f"{rtype}: not a group relationship (funds are not read)")
    periods = [p for p in node.get("periods") or [] if isinstance(p, Mapping)]
    own = next((p for p in periods if p.get("type") == "RELATIONSHIP_PERIOD"), {})
    return Relationship(
        where=where,
        child=child,
        parent=parent,
        type=rtype,
        status=status or "ACTIVE",
        start=_day(own.get("startDate")),
        end=_day(own.get("endDate")),
        periods=tuple(
            f"{p.get('type')} {_day(p.get('startDate')) or ''}..{_day(p.get('endDate')) or ''}"
            for p in periods
        ),
        registration_status=_text(reg.get("status")),
        corroboration=_text(reg.get("corroborationLevel")),
        last_update=_day(reg.get("lastUpdateDate")),
        record_id=rid,
        golden=golden,
    )


def _lei_record(where: str, attrs: Mapping[str, Any], asked: bool = True) -> LeiRecord | Rejection:
    entity = attrs.get("entity") or {}
    reg = attrs.get("registration") or {}
    lei = _text(attrs.get("lei"))
    name = _text((entity.get("legalName") or {}).get("name"))
    if not lei or not name:
        return Rejection(where, "an LEI record without its LEI or legal name")
    others = [_text(o.get("name")) for o in entity.get("otherNames") or [] if isinstance(o, dict)]
    others += [
        _text(o.get("name"))
        for o in entity.get("transliteratedOtherNames") or []
        if isinstance(o, dict)
    ]
    return LeiRecord(
        where=where,
        lei=lei,
        name=name,
        other_names=tuple(dict.fromkeys(o for o in others if o and o != name)),
        country=_text((entity.get("legalAddress") or {}).get("country")),
        jurisdiction=_text(entity.get("jurisdiction")),
        entity_status=_text(entity.get("status")),
        registration_status=_text(reg.get("status")),
        last_update=_day(reg.get("lastUpdateDate")),
        asked=asked,
    )


def _resource(where: str, item: Any) -> GleifRecord | Rejection:
    """One JSON:API resource, by its type."""
    if not isinstance(item, Mapping):
        return Rejection(where, "a resource must be an object")
    attrs = item.get("attributes") or {}
    kind = item.get("type")
    if kind == "lei-records":
        return _lei_record(where, attrs)
    if kind == "relationship-records":
        node = attrs.get("relationship") or {}
        return _relationship(where, node, attrs.get("registration") or {}, _text(item.get("id")))
    if kind == "reporting-exceptions":
        lei, category, reason = (_text(attrs.get(k)) for k in ("lei", "category", "reason"))
        if not lei or not category or not reason:
            return Rejection(where, "a reporting exception without its LEI, category or reason")
        return ReportingException(where, lei, category, reason, _text(attrs.get("reference")))
    return Rejection(where, f"resource type {kind!r} is not read")


def _documents(path: Path, loaded: Any) -> Iterator[tuple[str, Any]]:
    documents = loaded if isinstance(loaded, list) else [loaded]
    for n, doc in enumerate(documents, start=1):
        if not isinstance(doc, Mapping) or "data" not in doc:
            raise ValueError(f"{path.name}: document {n} has no `data` (not a GLEIF API answer)")
        data = doc["data"]
        items = data if isinstance(data, list) else [data] if data else []
        for i, item in enumerate([*items, *(doc.get("included") or [])], start=1):
            yield f"{path.name}#{n}.{i}", item


def _iter_json(path: Path) -> Iterator[GleifRecord | Rejection]:
    loaded = json.loads(path.read_text(encoding="utf-8"))
    for where, item in _documents(path, loaded):
        yield _resource(where, item)


def _rr_row(where: str, row: Mapping[str, str]) -> Relationship | Rejection:
    periods = [
        {
            "startDate": row.get(f"Relationship.Period.{n}.startDate"),
            "endDate": row.get(f"Relationship.Period.{n}.endDate"),
            "type": row.get(f"Relationship.Period.{n}.periodType"),
        }
        for n in range(1, _PERIODS + 1)
        if row.get(f"Relationship.Period.{n}.periodType")
    ]
    node = {
        "startNode": {"id": row.get("Relationship.StartNode.NodeID")},
        "endNode": {"id": row.get("Relationship.EndNode.NodeID")},
        "type": row.get("Relationship.RelationshipType"),
        "status": row.get("Relationship.RelationshipStatus"),
        "periods": periods,
    }
    reg = {
        "status": row.get("Registration.RegistrationStatus"),
        "corroborationLevel": row.get("Registration.ValidationSources"),
        "lastUpdateDate": row.get("Registration.LastUpdateDate"),
    }
    return _relationship(where, node, reg, None, golden=True)


def _repex_row(where: str, row: Mapping[str, str]) -> ReportingException | Rejection:
    lei, category = _text(row.get("LEI")), _text(row.get("Exception.Category"))
    reason = _text(row.get("Exception.Reason.1") or row.get("Exception.Reason"))
    if not lei or not category or not reason:
        return Rejection(where, "a reporting exception without its LEI, category or reason")
    reference = _text(row.get("Exception.Reference.1") or row.get("Exception.Reference"))
    return ReportingException(where, lei, category, reason, reference, golden=True)


def _lei_row(where: str, row: Mapping[str, str]) -> LeiRecord | Rejection:
    attrs = {
        "lei": row.get("LEI"),
        "entity": {
            "legalName": {"name": row.get("Entity.LegalName")},
            "legalAddress": {"country": row.get("Entity.LegalAddress.Country")},
            "jurisdiction": row.get("Entity.LegalJurisdiction"),
            "status": row.get("Entity.EntityStatus"),
        },
        "registration": {
            "status": row.get("Registration.RegistrationStatus"),
            "lastUpdateDate": row.get("Registration.LastUpdateDate"),
        },
    }
    return _lei_record(where, attrs, asked=False)


def _iter_csv(path: Path) -> Iterator[GleifRecord | Rejection]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = set(reader.fieldnames or ())
        if "Relationship.StartNode.NodeID" in header:
            read = _rr_row
        elif "Exception.Category" in header:
            read = _repex_row  # type: ignore[assignment]
        elif {"LEI", "Entity.LegalName"} <= header:
            read = _lei_row  # type: ignore[assignment]
        else:
            raise ValueError(f"{path.name}: not a GLEIF golden copy CSV (RR, repex or LEI)")
        for n, row in enumerate(reader, start=1):
            yield read(f"{path.name}:{n + 1}", row)


def iter_gleif(path: Path) -> Iterator[GleifRecord | Rejection]:
    """Every record of a GLEIF file (API JSON or golden copy CSV), or why a row is out."""
    with path.open("rb") as fh:
        head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    yield from (_iter_json(path) if head[:1] in (b"{", b"[") else _iter_csv(path))


SOURCE = RegisterSource(
    name="gleif",
    title="GLEIF LEI records and relationship records (Level 1 and 2)",
    publisher="Global Legal Entity Identifier Foundation (GLEIF)",
    url=PAGE_URL,
    licence="CC0 1.0",
    records=iter_gleif,
    key_scheme="lei",
    downloads=(
        Download(
            "gleif",
            "GLEIF LEI and relationship records of the graph's LEIs (API, CC0)",
            "gleif_api_url",
            "gleif-records.json",
            loads=True,
            default=False,
            note="`survgraph load gleif FILE`",
        ),
    ),
)
