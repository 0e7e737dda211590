"""The US Consolidated Screening List (trade.gov), read in its CSV and JSON forms.

Parsing only: `iter_csl(path)` yields one `ListRecord` per row, or a `Rejection` naming the
row and why it was kept out (no name, a date that is not a date, a row of the wrong shape).
Grouping, resolution and writing are the list pipeline's (`loaders.pipeline`).

Forms read:

* CSV, as downloaded from trade.gov (`_id, source, entity_number, type, programs, name, ...`;
  the 2019 layout has no `_id`). Multi-valued cells (programs, alt names, addresses ...) are
  separated by `;`.
* JSON, as the trade.gov API answers (`{"results": [...], "sources_used": [...]}`) or a bare
  list of result objects. Addresses are objects `{address, city, state, postal_code, country}`.
  `sources_used[].source_last_updated` (or `last_imported`) is the publisher's date of each
  list; `publisher_dates` returns it.

Each row names its list in words (`source`); `loaders.sources.lists` reads them.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from loaders.plumbing.report import Rejection
from loaders.sources.descriptor import Download, ListSource
from loaders.sources.fields import country_code, parse_date
from loaders.sources.lists import list_for_label
from loaders.sources.record import ListRecord

__all__ = ["SOURCE", "CslFormatError", "detect_form", "iter_csl", "publisher_dates"]

Form = Literal["csv", "json"]

REQUIRED_COLUMNS = frozenset({"source", "name"})
MULTI_SEPARATOR = ";"


class CslFormatError(ValueError):
    """The file as a whole is not a CSL file we can read (not a per-row problem)."""


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


def _address_country(address: str) -> str | None:
    """The country an address ends with ("..., Kabul, Afghanistan." / "..., Yerevan, AM"), its
    name read whole where the list inverts it ("..., Virgin Islands, British", "Korea,
    North"): "British" alone would be another country."""
    address = re.sub(r"\(.*?\)", " ", address)
    parts = [p for p in (p.strip(" .") for p in address.split(",")) if p]
    tail = [", ".join(parts[-2:])] if len(parts) >= 2 else []
    for text in (*tail, *reversed(parts[-2:])):
        code = country_code(text)
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


def _record(row: int, data: Mapping[str, Any], form: Form) -> ListRecord:
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
    return ListRecord(
        row=row,
        list_info=list_for_label(source),
        list_label=source,
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


def _iter_csv(path: Path) -> Iterator[ListRecord | Rejection]:
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


def _iter_json(path: Path) -> Iterator[ListRecord | Rejection]:
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


def iter_csl(path: Path, form: Form | None = None) -> Iterator[ListRecord | Rejection]:
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
        out[list_for_label(str(item["source"])).id] = text
    return out


def _records(path: Path) -> Iterator[ListRecord | Rejection]:
    return iter_csl(path)


SOURCE = ListSource(
    name="csl",
    title="Consolidated Screening List (trade.gov)",
    publisher="International Trade Administration, US Department of Commerce",
    url="https://www.trade.gov/consolidated-screening-list",
    records=_records,
    ends_absent=True,
    publisher_dates=publisher_dates,
    downloads=(
        Download(
            "csl",
            "Consolidated Screening List (JSON)",
            "csl_json_url",
            "consolidated.json",
            loads=True,
            note="all 13 US export, sanctions and debarment lists, with publisher dates",
        ),
        Download(
            "csl-csv",
            "Consolidated Screening List (CSV)",
            "csl_csv_url",
            "consolidated.csv",
            loads=True,
            default=False,
            note="the same lists as the JSON; no publisher dates",
        ),
    ),
)
