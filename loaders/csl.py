"""Parses the US Consolidated Screening List (trade.gov) in its CSV and JSON forms.

Parsing only (STYLE 7): `iter_csl(path)` yields one typed `CslRecord` per row, or a
`Rejection` naming the row and why it was kept out (no name, a date that is not a date, a row
of the wrong shape). Resolution and writing are `loaders.csl_load`'s job.

Forms read:

* CSV, as downloaded from trade.gov (`_id, source, entity_number, type, programs, name, ...`;
  the 2019 layout has no `_id`). Multi-valued cells (programs, alt names, addresses ...) are
  separated by `;`.
* JSON, as the trade.gov API answers (`{"results": [...], "sources_used": [...]}`) or a bare
  list of result objects. Addresses are objects `{address, city, state, postal_code, country}`.
  `sources_used[].source_last_updated` (or `last_imported`) is the publisher's date of each
  list; `publisher_dates` returns it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pycountry

from loaders.lists import ListInfo, list_for_source
from loaders.report import Rejection

__all__ = [
    "CslFormatError",
    "CslRecord",
    "detect_form",
    "entry_key",
    "iter_csl",
    "parse_date",
    "publisher_dates",
]

Form = Literal["csv", "json"]

REQUIRED_COLUMNS = frozenset({"source", "name"})
MULTI_SEPARATOR = ";"
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d", "%d %b %Y", "%d %B %Y")
_COUNTRY_OVERRIDES: dict[str, str] = {
    "russia": "RU", "u.a.e": "AE", "uae": "AE", "turkey": "TR", "burma": "MM", "uk": "GB",
    "u.k": "GB", "usa": "US", "u.s.a": "US", "u.s": "US", "united states of america": "US",
    "iran": "IR", "syria": "SY", "north korea": "KP", "south korea": "KR", "korea, north": "KP",
    "korea, south": "KR", "laos": "LA", "vietnam": "VN", "taiwan": "TW", "hong kong": "HK",
    "macau": "MO", "macao": "MO", "moldova": "MD", "bolivia": "BO", "venezuela": "VE",
    "tanzania": "TZ", "czech republic": "CZ", "the netherlands": "NL", "holland": "NL",
    "congo, democratic republic of the": "CD", "democratic republic of the congo": "CD",
    "west bank": "PS", "gaza": "PS", "palestinian territories": "PS", "kosovo": "XK",
    "crimea": "UA", "region: crimea": "UA", "ivory coast": "CI", "cote d'ivoire": "CI",
    "brunei": "BN", "cape verde": "CV", "swaziland": "SZ", "macedonia": "MK",
}  # fmt: skip


class CslFormatError(ValueError):
    """The file as a whole is not a CSL file we can read (not a per-row problem)."""


@dataclass(frozen=True, slots=True)
class CslRecord:
    """One CSL row as published, typed; `row` is the 1-based data row (header excluded)."""

    row: int
    source: str
    name: str
    uid: str | None = None
    entity_number: str | None = None
    type: str | None = None
    programs: tuple[str, ...] = ()
    title: str | None = None
    addresses: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    federal_register_notice: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    alt_names: tuple[str, ...] = ()
    remarks: str | None = None
    source_list_url: str | None = None
    source_information_url: str | None = None
    dates_of_birth: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def list(self) -> ListInfo:
        return list_for_source(self.source)

    @property
    def is_person(self) -> bool:
        return (self.type or "").casefold() == "individual"

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None

    def content(self) -> dict[str, Any]:
        """What the row says (not where it sat in the file): the input of `row_hash`."""
        return {
            "source": self.source,
            "uid": self.uid,
            "entity_number": self.entity_number,
            "type": self.type,
            "programs": list(self.programs),
            "name": self.name,
            "title": self.title,
            "addresses": list(self.addresses),
            "federal_register_notice": self.federal_register_notice,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "alt_names": list(self.alt_names),
            "remarks": self.remarks,
            "source_list_url": self.source_list_url,
            "dates_of_birth": list(self.dates_of_birth),
            "nationalities": list(self.nationalities),
        }

    def row_hash(self) -> str:
        text = json.dumps(self.content(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def entry_key(record: CslRecord) -> str:
    """The identity of a list entry across snapshots: source + entity_number, else the CSL
    `_id`, else name + addresses. Stable as long as the publisher keeps its numbers."""
    if record.entity_number:
        basis = f"{record.source}|en|{record.entity_number}"
    elif record.uid:
        basis = f"{record.source}|id|{record.uid}"
    else:
        basis = f"{record.source}|name|{record.name}|{'|'.join(record.addresses)}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Field helpers
# ---------------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _multi(value: Any) -> tuple[str, ...]:
    """A `;`-separated cell or a JSON list -> distinct, non-empty, whitespace-folded values."""
    if value is None:
        return ()
    parts: Iterable[Any] = (
        value if isinstance(value, list | tuple) else str(value).split(MULTI_SEPARATOR)
    )
    out: list[str] = []
    for part in parts:
        text = _text(part)
        if text and text not in out:
            out.append(text)
    return tuple(out)


def _address_parts(value: Any) -> tuple[str, ...]:
    """Entity List cells join two addresses with "; and": both halves are addresses."""
    out: list[str] = []
    for part in _multi(value):
        part = re.sub(r"^and\s+", "", part, flags=re.IGNORECASE)
        if part and part not in out:
            out.append(part)
    return tuple(out)


def parse_date(value: Any) -> str | None:
    """ISO date string, None for empty; ValueError with the value for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    # The API sometimes sends a timestamp ("2019-10-09T00:00:00Z").
    if re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        text = text[:10]
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:  # the usual ISO day, without strptime's cost (a third of parsing a large file)
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date")


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """ISO 3166 alpha-2 for a country name or code at the end of an address, else None."""
    cleaned = re.sub(r"\(.*?\)", " ", text)
    cleaned = " ".join(cleaned.split()).strip(" .,;:").casefold()
    if not cleaned:
        return None
    if cleaned in _COUNTRY_OVERRIDES:
        return _COUNTRY_OVERRIDES[cleaned]
    if len(cleaned) == 2 and cleaned.isalpha():
        found = pycountry.countries.get(alpha_2=cleaned.upper())
        return str(found.alpha_2) if found is not None else None
    if len(cleaned) < 4:
        return None
    try:
        return str(pycountry.countries.lookup(cleaned).alpha_2)
    except LookupError:
        return None


def _address_country(address: str) -> str | None:
    """The country an address ends with ("..., Kabul, Afghanistan." / "..., Yerevan, AM")."""
    address = re.sub(r"\(.*?\)", " ", address)
    parts = [p for p in (p.strip(" .") for p in address.split(",")) if p]
    for part in reversed(parts[-2:]):
        code = country_code(part)
        if code:
            return code
    return None


def _countries(addresses: Iterable[str], explicit: Iterable[str | None] = ()) -> tuple[str, ...]:
    out: list[str] = []
    for value in explicit:
        code = country_code(value) if value else None
        if code and code not in out:
            out.append(code)
    if not out:
        for address in addresses:
            code = _address_country(address)
            if code and code not in out:
                out.append(code)
    return tuple(out)


def _json_address(item: Any) -> tuple[str | None, str | None]:
    """(address text joined like the CSV form, explicit country) of one API address."""
    if isinstance(item, str):
        return _text(item), None
    if not isinstance(item, Mapping):
        raise ValueError(f"an address must be an object, not {type(item).__name__}")
    parts = [_text(item.get(k)) for k in ("address", "city", "state", "postal_code", "country")]
    return ", ".join(p for p in parts if p) or None, _text(item.get("country"))


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


def _record(row: int, data: Mapping[str, Any], form: Form) -> CslRecord:
    """One row mapping -> record; ValueError says why the row is malformed."""
    source = _text(data.get("source"))
    if not source:
        raise ValueError("no source (which list the row belongs to)")
    name = _text(data.get("name"))
    if not name:
        raise ValueError("no name")
    errors: list[str] = []
    dates: dict[str, str | None] = {}
    for key in ("start_date", "end_date"):
        try:
            dates[key] = parse_date(data.get(key))
        except ValueError as exc:
            errors.append(f"{key}: {exc}")
    if errors:
        raise ValueError("; ".join(errors))
    explicit: list[str | None] = []
    if form == "json":
        raw = data.get("addresses") or []
        if not isinstance(raw, list):
            raise ValueError("addresses must be a list")
        addresses_l: list[str] = []
        for item in raw:
            text, country = _json_address(item)
            text = re.sub(r"^and\s+", "", text, flags=re.IGNORECASE) if text else None
            if text and text not in addresses_l:
                addresses_l.append(text)
            explicit.append(country)
        addresses = tuple(addresses_l)
    else:
        addresses = _address_parts(data.get("addresses"))
    for key in ("programs", "alt_names", "dates_of_birth", "nationalities"):
        value = data.get(key)
        if value is not None and not isinstance(value, str | list):
            raise ValueError(f"{key} must be text or a list, not {type(value).__name__}")
    type_ = _text(data.get("type"))
    return CslRecord(
        row=row,
        source=source,
        name=name,
        uid=_text(data.get("_id") or data.get("id")),
        entity_number=_text(data.get("entity_number")),
        type=type_.capitalize() if type_ else None,
        programs=_multi(data.get("programs")),
        title=_text(data.get("title")),
        addresses=addresses,
        countries=_countries(addresses, explicit),
        federal_register_notice=_text(data.get("federal_register_notice")),
        start_date=dates["start_date"],
        end_date=dates["end_date"],
        alt_names=tuple(a for a in _multi(data.get("alt_names")) if a != name),
        remarks=_text(data.get("remarks")),
        source_list_url=_text(data.get("source_list_url")),
        source_information_url=_text(data.get("source_information_url")),
        dates_of_birth=_multi(data.get("dates_of_birth")),
        nationalities=_multi(data.get("nationalities")),
    )


def detect_form(path: Path) -> Form:
    with path.open("rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" if head[:1] in (b"{", b"[") else "csv"


def _iter_csv(path: Path) -> Iterator[CslRecord | Rejection]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return
        missing = REQUIRED_COLUMNS - set(header)
        if missing:
            raise CslFormatError(
                f"{path.name}: not a CSL CSV (missing columns {sorted(missing)}; "
                f"header is {header[:6]}...)"
            )
        width = len(header)
        for number, cells in enumerate(reader, start=1):
            if not cells or all(not c.strip() for c in cells):
                continue
            where = f"{path.name}: row {number}"
            if len(cells) != width:
                yield Rejection(
                    where,
                    f"row has {len(cells)} fields, the header has {width}",
                    {"cells": cells[:40]},
                )
                continue
            data = dict(zip(header, cells, strict=True))
            try:
                yield _record(number, data, "csv")
            except ValueError as exc:
                yield Rejection(where, str(exc), data)


def _json_results(path: Path) -> tuple[list[Any], list[Any]]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise CslFormatError(f"{path.name}: not valid JSON ({exc})") from exc
    if isinstance(loaded, list):
        return loaded, []
    if isinstance(loaded, dict) and isinstance(loaded.get("results"), list):
        used = loaded.get("sources_used")
        return loaded["results"], used if isinstance(used, list) else []
    raise CslFormatError(f"{path.name}: expected a list or an object with a `results` list")


def _iter_json(path: Path) -> Iterator[CslRecord | Rejection]:
    results, _ = _json_results(path)
    for number, item in enumerate(results, start=1):
        where = f"{path.name}: result {number}"
        if not isinstance(item, dict):
            yield Rejection(where, f"a result must be an object, not {type(item).__name__}")
            continue
        try:
            yield _record(number, item, "json")
        except ValueError as exc:
            yield Rejection(where, str(exc), item)


def iter_csl(path: Path, form: Form | None = None) -> Iterator[CslRecord | Rejection]:
    """Every row of a CSL file, as a record or a rejection; CslFormatError for a bad file."""
    form = form or detect_form(path)
    if form == "json":
        yield from _iter_json(path)
    else:
        yield from _iter_csv(path)


def publisher_dates(path: Path, form: Form | None = None) -> dict[str, str]:
    """List id -> the publisher's own last-updated date, where the file states one (JSON API
    `sources_used`). A CSV download carries none; the file's mtime is our date, not theirs."""
    if (form or detect_form(path)) != "json":
        return {}
    _, used = _json_results(path)
    out: dict[str, str] = {}
    for item in used:
        if not isinstance(item, dict) or not item.get("source"):
            continue
        value = item.get("source_last_updated") or item.get("last_imported")
        if not value:
            continue
        text = str(value).strip()
        try:
            parse_date(text[:10])
        except ValueError:
            continue
        out[list_for_source(str(item["source"])).id] = text
    return out
