"""The DoD Section 1260H list ("Chinese military companies"), read.

Parsing only: `iter_1260h(path)` yields one `ListRecord` per listed entity (or a `Rejection`),
for the list `list:us-dod-1260h`. Two layouts are read:

* the tranche CSV (OpenSanctions' transcription of the DoD PDFs: Name, Clean Name, Alias,
  Previous Name, Parent Name, Note, Start date, End date, Source Url). One row per entity and
  tranche: an entity named in 2021 and again in 2025 is two rows, two entries, two claims.
  `Start date` is the tranche, `End date` the day the entity left the list.
* the per-list JSON (`{"entities": [{name, aliases, effective_date, federal_register,
  notes}]}`). A parent's notes may start "Listed together with subsidiaries: A, B, and C.":
  each named subsidiary is listed with it, on the same day, under that parent.

The parent the list groups a row under travels in `record.extra` (`parent_name`,
`parent_basis`); `loaders.pipeline.statements` turns it into an ownership claim. Each row's
entry key is its tranche and its name, so the tranches never overwrite each other.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from graph.model import slug
from loaders.plumbing.report import Rejection
from loaders.sources.descriptor import Download, ListSource
from loaders.sources.fields import parse_date
from loaders.sources.lists import list_by_id
from loaders.sources.record import ListRecord

__all__ = ["SOURCE", "iter_1260h", "split_subsidiaries"]

LIST = list_by_id("list:us-dod-1260h")
LIST_URL = "https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-ACCORDANCE-WITH-SECTION-1260H.PDF"
_TOGETHER = re.compile(r"^\s*Listed together with subsidiaries:\s*(.+?)\s*(?:\||$)", re.S)
# Pieces of a comma-split list that only continue the previous name ("Co., Ltd.").
_CONTINUES = re.compile(
    r"^(?:ltd|limited|inc|llc|plc|co|corp|corporation|s\.?a|gmbh|l\.?p)\.?$", re.IGNORECASE
)
# A final parenthesis that is part of the name, not an acronym or alias.
_NAME_PARTS = re.compile(r"^(?:group|limited|ltd\.?|hong kong|bvi|usa|china)$", re.IGNORECASE)
_FORMERLY = re.compile(r"^formerly\s+", re.IGNORECASE)


def basis(date: str | None) -> str:
    """The claim's basis, in the list's own terms."""
    return f"grouped under this parent on the DoD 1260H list of {date or 'an undated tranche'}"


def _clean(name: str) -> str:
    """A name as listed, without the transcription's footnote star and the period or comma
    that ends an entry ("(Qihoo 360)."); a legal form's own period ("Ltd.") stays."""
    text = " ".join(name.replace("*", " ").split()).rstrip(" ;,")
    if text.endswith(").") or text.endswith(".."):
        text = text[:-1]
    return text or name.strip()


def name_and_aliases(text: str) -> tuple[str, list[str], list[str]]:
    """'X (ACRONYM)' -> X and the acronym; '(formerly Y)' -> Y as a previous name."""
    name = _clean(text)
    aliases: list[str] = []
    previous: list[str] = []
    while True:
        found = re.search(r"\s*\(([^()]+)\)\s*$", name)
        if not found or _NAME_PARTS.match(found.group(1).strip()):
            return name, aliases, previous
        inner = found.group(1).strip()
        if _FORMERLY.match(inner):
            previous.insert(0, _clean(_FORMERLY.sub("", inner)))
        else:
            aliases.insert(0, inner)
        name = name[: found.start()].rstrip(" ,")


def split_subsidiaries(text: str) -> list[str]:
    """'A Co., Ltd., B (BB), and C.' -> the names, commas inside names and parentheses kept."""
    pieces, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            pieces.append(current.strip())
            current = ""
        else:
            current += char
    pieces.append(current.strip())
    names: list[str] = []
    for piece in (re.sub(r"^and\s+", "", p).strip() for p in pieces):
        bare = re.sub(r"\s*\([^()]*\)\s*$", "", piece).strip()
        # "Co., Ltd." continues a name; so does a one-word piece after a one-word name
        # ("SMIC, Americas" is one company, not "SMIC" and "Americas").
        one_word = names and " " not in names[-1] and " " not in piece
        if names and (_CONTINUES.match(bare) or one_word):
            names[-1] = f"{names[-1]}, {piece}"
        elif piece:
            names.append(piece)
    return [_clean(n) for n in names if _clean(n)]


def _record(
    row: int,
    name: str,
    since: str | None,
    *,
    until: str | None = None,
    aliases: tuple[str, ...] = (),
    remarks: str | None = None,
    parent: str | None = None,
    citation: str | None = None,
    url: str | None = None,
    note: str | None = None,
    previous: tuple[str, ...] = (),
) -> ListRecord:
    extra = {"parent_name": parent, "parent_basis": basis(since)} if parent else {}
    if note:
        extra["note"] = note
    if previous:
        extra["previous_names"] = "; ".join(previous)
    return ListRecord(
        row=row,
        list_info=LIST,
        list_label=LIST.label,
        name=name,
        entity_number=f"{since or 'undated'}|{slug(name)}",
        type="Entity",
        start_date=since,
        end_date=until,
        federal_register_notice=citation,
        alt_names=tuple(a for a in dict.fromkeys(aliases) if a and a != name),
        remarks=remarks,
        source_list_url=url or LIST_URL,
        extra=extra,
    )


def _remarks(parent: str | None, previous: list[str], note: str | None) -> str | None:
    parts = [
        f"Parent Name: {parent}" if parent else None,
        f"Previous Name: {'; '.join(previous)}" if previous else None,
        note,
    ]
    return " | ".join(p for p in parts if p) or None


def _csv_record(row: int, data: Mapping[str, str]) -> ListRecord:
    listed = (data.get("Clean Name") or data.get("Name") or "").strip()
    if not listed:
        raise ValueError("no name")
    name, aliases, previous = name_and_aliases(listed)
    aliases += [a.strip() for a in (data.get("Alias") or "").split(";") if a.strip()]
    previous += [p.strip() for p in (data.get("Previous Name") or "").split(";") if p.strip()]
    previous += name_and_aliases(data.get("Name") or "")[2]  # "(formerly X)" in the full name
    previous = list(dict.fromkeys(previous))
    aliases = [a for a in dict.fromkeys(aliases) if a not in previous]
    parent = _clean(data["Parent Name"]) if (data.get("Parent Name") or "").strip() else None
    since = parse_date(data.get("Start date"))
    return _record(
        row,
        name,
        since,
        until=parse_date(data.get("End date")),
        aliases=(*aliases, *previous),
        remarks=_remarks(parent, previous, data.get("Note") or None),
        parent=parent,
        url=(data.get("Source Url") or "").strip() or None,
        note=(data.get("Note") or "").strip() or None,
        previous=tuple(previous),
    )


def _iter_csv(path: Path) -> Iterator[ListRecord | Rejection]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for number, data in enumerate(csv.DictReader(fh), start=1):
            try:
                yield _csv_record(number, data)
            except (ValueError, KeyError) as exc:
                yield Rejection(f"{path.name}: row {number}", str(exc), dict(data))


def _json_records(row: int, item: Mapping[str, Any]) -> list[ListRecord]:
    """A JSON entity and the subsidiaries its notes list together with it."""
    name, aliases, previous = name_and_aliases(str(item.get("name") or ""))
    if not name:
        raise ValueError("no name")
    since = parse_date(item.get("effective_date"))
    citation = str(item.get("federal_register") or "") or None
    notes = str(item.get("notes") or "") or None
    listed = [str(a) for a in item.get("aliases") or []]
    head = _record(
        row,
        name,
        since,
        aliases=(*listed, *aliases, *previous),
        remarks=notes,
        citation=citation,
        note=notes,
        previous=tuple(previous),
    )
    together = _TOGETHER.match(notes or "")
    subs = split_subsidiaries(together.group(1).rstrip(".")) if together else []
    out = [head]
    for text in subs:
        sub, sub_aliases, sub_previous = name_and_aliases(text)
        remarks = _remarks(name, sub_previous, f"Listed together with {name} (notes of {name})")
        out.append(
            _record(
                row,
                sub,
                since,
                aliases=(*sub_aliases, *sub_previous),
                remarks=remarks,
                parent=name,
                citation=citation,
                previous=tuple(sub_previous),
            )
        )
    return out


def _iter_json(path: Path) -> Iterator[ListRecord | Rejection]:
    loaded = json.loads(path.read_text(encoding="utf-8-sig"))
    items = loaded.get("entities") if isinstance(loaded, dict) else loaded
    if not isinstance(items, list):
        raise ValueError(f"{path.name}: expected an object with an `entities` list")
    for number, item in enumerate(items, start=1):
        where = f"{path.name}: entity {number}"
        if not isinstance(item, dict):
            yield Rejection(where, f"an entity must be an object, not {type(item).__name__}")
            continue
        try:
            yield from _json_records(number, item)
        except ValueError as exc:
            yield Rejection(where, str(exc), item)


def iter_1260h(path: Path) -> Iterator[ListRecord | Rejection]:
    """Every listed entity of a 1260H file (CSV or JSON), as a record or a rejection."""
    with path.open("rb") as fh:
        head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    yield from (_iter_json(path) if head[:1] in (b"{", b"[") else _iter_csv(path))


SOURCE = ListSource(
    name="dod-1260h",
    title="DoD Section 1260H list of Chinese military companies",
    publisher="U.S. Department of Defense",
    url=LIST_URL,
    records=iter_1260h,
    # The tranches state their own ends (`End date`), and one file need not hold every
    # tranche: a 1260H file never ends the entries another one loaded.
    ends_absent=False,
    command="1260h",
    kind="register",
    downloads=(
        Download(
            "dod-1260h",
            "DoD Section 1260H Chinese military companies list (PDF)",
            "dod_1260h_url",
            "1260h.pdf",
            loads=False,
            note="a PDF: no loader; load a tranche CSV or JSON with `survgraph load 1260h FILE`",
        ),
    ),
)
