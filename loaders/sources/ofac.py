"""OFAC's legacy CSV files (the SDN list and the consolidated non-SDN list), read.

Parsing only: `iter_ofac(directory)` yields one `ListRecord` per entry, or a `Rejection` saying
why a row was kept out. Each entry is keyed as the CSL keys the same list (its `label`, and
OFAC's `ent_num` as the entry number), so a later CSL load of the list continues these entries.

The layout is OFAC's, without a header row; `-0- ` is OFAC's null; each file ends with a
Ctrl-Z byte. A directory holds one of two sets (each file may be gzip-compressed, `.csv.gz`):

* SDN: `sdn.csv` (ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
  GRT, Vess_flag, Vess_owner, Remarks), `alt.csv` (ent_num, alt_num, alt_type, alt_name,
  alt_remarks), `add.csv` (ent_num, add_num, address, city/state/zip, country, add_remarks),
  optionally `sdn_comments.csv` (ent_num, remarks continued);
* consolidated non-SDN: the same columns in `cons_prim.csv`, `cons_alt.csv`, `cons_add.csv`,
  `cons_comments.csv`. Its program decides the list (CMIC-EO13959 is the NS-CMIC list).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from loaders.plumbing.report import Rejection
from loaders.sources.descriptor import Download, ListSource
from loaders.sources.fields import country_code, parse_date
from loaders.sources.lists import ListInfo, list_by_id
from loaders.sources.record import ListRecord

__all__ = ["SOURCE", "OfacLayoutError", "detect_layout", "iter_ofac"]

Layout = Literal["sdn", "cons"]
NULL = "-0-"
EOF_MARK = "\x1a"
PRIMARY_WIDTH = 12
SDN_URL = "https://sanctionslist.ofac.treas.gov/Home/SdnList"
CONS_URL = "https://sanctionslist.ofac.treas.gov/Home/ConsolidatedList"
SDN_LIST = "list:us-ofac-sdn"
# Non-SDN program -> the list it is published on, in precedence order: a row under several
# programs goes to the first list named here. Programs not named are rejected, not guessed.
PROGRAM_LISTS: tuple[tuple[str, str], ...] = (
    ("CMIC-EO13959", "list:us-ofac-ns-cmic"),
    ("UKRAINE-EO13662", "list:us-ofac-ssi"),
    ("NS-PLC", "list:us-ofac-plc"),
    ("561-Related", "list:us-ofac-cap"),
    ("RUSSIA-EO14024", "list:us-ofac-mbs"),
    ("CAATSA - RUSSIA", "list:us-ofac-mbs"),
)
FILES: dict[Layout, tuple[str, str, str, str]] = {
    "sdn": ("sdn", "alt", "add", "sdn_comments"),
    "cons": ("cons_prim", "cons_alt", "cons_add", "cons_comments"),
}
_TYPES = {"individual": "Individual", "vessel": "Vessel", "aircraft": "Aircraft"}
_DOB = re.compile(r"\bDOB ([^;]+?)(?:;|\.$|$)")
_NATIONALITY = re.compile(r"\bnationality ([^;]+?)(?:;|\.$|$)")
_LISTING_DATE = re.compile(r"Listing Date \([^)]*\):? (\d{1,2} [A-Za-z]{3,9} \d{4})")


class OfacLayoutError(ValueError):
    """The directory holds neither OFAC file set (a whole-input problem, not a row's)."""


@dataclass
class _Extras:
    """What the side files add to primary rows, keyed by ent_num."""

    alt_names: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    addresses: dict[str, list[tuple[str, str | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    comments: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _file(directory: Path, stem: str) -> Path | None:
    for name in (f"{stem}.csv", f"{stem}.csv.gz"):
        if (directory / name).is_file():
            return directory / name
    return None


def detect_layout(directory: Path) -> Layout:
    """Which OFAC file set the directory holds; OfacLayoutError when it holds neither."""
    for layout, stems in FILES.items():
        if _file(directory, stems[0]) is not None:
            return layout
    raise OfacLayoutError(f"{directory}: no sdn.csv or cons_prim.csv (plain or .gz) in it")


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(1-based line, cells) of one OFAC file, skipping blank lines and the Ctrl-Z end mark."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    text = raw.decode("utf-8-sig", errors="replace")
    for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if not cells or all(not c.strip() or c.strip() == EOF_MARK for c in cells):
            continue
        yield number, cells


def _value(cell: str) -> str | None:
    text = " ".join(cell.split())
    return None if not text or text == NULL else text


def _side_rows(
    path: Path | None, width: int, rejected: list[Rejection]
) -> Iterator[tuple[str, list[str | None]]]:
    if path is None:
        return
    for number, cells in _rows(path):
        if len(cells) != width:
            where = f"{path.name}: line {number}"
            rejected.append(Rejection(where, f"{len(cells)} fields, expected {width}"))
            continue
        yield cells[0].strip(), [_value(c) for c in cells[1:]]


def _read_extras(directory: Path, layout: Layout, rejected: list[Rejection]) -> _Extras:
    _, alt, add, comments = FILES[layout]
    extras = _Extras()
    for ent, (_, _, name, _) in _side_rows(_file(directory, alt), 5, rejected):
        if name:
            extras.alt_names[ent].append(name)
    for ent, (_, street, city, country, _) in _side_rows(_file(directory, add), 6, rejected):
        text = ", ".join(p for p in (street, city, country) if p)
        if text:
            extras.addresses[ent].append((text, country))
    for ent, (remark,) in _side_rows(_file(directory, comments), 2, rejected):
        if remark:
            extras.comments[ent].append(remark)
    return extras


def _programs(cell: str | None) -> tuple[str, ...]:
    """OFAC writes several programs as `A] [B`."""
    if not cell:
        return ()
    return tuple(p.strip(" []") for p in cell.split("] [") if p.strip(" []"))


def _list(layout: Layout, programs: tuple[str, ...]) -> ListInfo:
    """The list of a row; ValueError for a non-SDN program no list is known for."""
    if layout == "sdn":
        return list_by_id(SDN_LIST)
    for program, list_id in PROGRAM_LISTS:
        if program in programs:
            return list_by_id(list_id)
    raise ValueError(f"no list known for non-SDN program(s) {', '.join(programs) or 'none'}")


def _found(pattern: re.Pattern[str], remarks: str | None) -> tuple[str, ...]:
    return tuple(m.strip() for m in pattern.findall(remarks or ""))


def _listing_date(remarks: str | None) -> str | None:
    """OFAC states the CMIC listing date in the remarks ("Listing Date (CMIC) 03 Jun 2021")."""
    found = _LISTING_DATE.search(remarks or "")
    return parse_date(found.group(1)) if found else None


def _record(layout: Layout, row: int, cells: list[str], extras: _Extras) -> ListRecord:
    """One primary row -> record; ValueError says why the row is kept out."""
    ent = cells[0].strip()
    name, type_, program, title = (_value(c) for c in cells[1:5])
    if not ent or not name:
        raise ValueError("no ent_num" if not ent else "no name")
    remarks = " ".join(filter(None, [_value(cells[11]), *extras.comments.get(ent, [])])) or None
    programs = _programs(program)
    places = extras.addresses.get(ent, [])
    codes = (country_code(country) for _, country in places if country)
    info = _list(layout, programs)
    return ListRecord(
        row=row,
        list_info=info,
        list_label=info.label,
        name=name,
        entity_number=ent,
        type=_TYPES.get((type_ or "").casefold(), "Entity"),
        programs=programs,
        title=title,
        addresses=tuple(dict.fromkeys(text for text, _ in places)),
        countries=tuple(dict.fromkeys(code for code in codes if code)),
        start_date=_listing_date(remarks),
        alt_names=tuple(a for a in dict.fromkeys(extras.alt_names.get(ent, [])) if a != name),
        remarks=remarks,
        source_list_url=SDN_URL if layout == "sdn" else CONS_URL,
        dates_of_birth=_found(_DOB, remarks),
        nationalities=_found(_NATIONALITY, remarks),
    )


def iter_ofac(directory: Path) -> Iterator[ListRecord | Rejection]:
    """Every entry of an OFAC file set, as a record or a rejection (side-file rows that
    name no entry are rejections too); OfacLayoutError when the directory holds no set."""
    layout = detect_layout(directory)
    rejected: list[Rejection] = []
    extras = _read_extras(directory, layout, rejected)
    primary = _file(directory, FILES[layout][0])
    assert primary is not None  # detect_layout found it
    seen: set[str] = set()
    row = 0
    for number, cells in _rows(primary):
        row += 1
        where = f"{primary.name}: line {number}"
        if len(cells) != PRIMARY_WIDTH:
            yield Rejection(where, f"{len(cells)} fields, expected {PRIMARY_WIDTH}")
            continue
        seen.add(cells[0].strip())
        try:
            yield _record(layout, row, cells, extras)
        except ValueError as exc:
            yield Rejection(where, str(exc), {"cells": cells})
    yield from rejected
    yield from _orphans(extras, seen)


def _orphans(extras: _Extras, seen: set[str]) -> Iterator[Rejection]:
    """Aliases, addresses or comments whose ent_num no primary row has: kept aside, reported."""
    tables: dict[str, Mapping[str, object]] = {
        "alias": extras.alt_names,
        "address": extras.addresses,
        "comment": extras.comments,
    }
    for kind, table in tables.items():
        for ent in sorted(set(table) - seen):
            yield Rejection(f"ent_num {ent}", f"{kind} of an entry the primary file does not have")


SOURCE = ListSource(
    name="ofac",
    title="OFAC sanctions list files",
    publisher="Office of Foreign Assets Control, US Department of the Treasury",
    url=SDN_URL,
    records=iter_ofac,
    ends_absent=True,
    reads="directory",
    downloads=(
        Download(
            "ofac-sdn",
            "OFAC SDN list (legacy CSV)",
            "ofac_sdn_url",
            "sdn.csv",
            loads=False,
            default=False,
            note="bundled snapshot (survgraph load ofac); current SDN via the CSL",
        ),
        Download(
            "ofac-cons",
            "OFAC Consolidated non-SDN list (legacy CSV)",
            "ofac_cons_url",
            "cons_prim.csv",
            loads=False,
            default=False,
            note="bundled snapshot (survgraph load ofac); current NS-CMIC via the CSL",
        ),
    ),
)
