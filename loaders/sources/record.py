"""The one record every list parser yields: an entry of a designation list, as published.

Why one type: the pipeline (`loaders.pipeline`) groups, resolves and writes entries the same
way whichever source published them, so a parser's whole job is to fill this in. The record
names its list (`list_info`, found by the parser from what its source says) and keeps the
publisher's own words for it (`list_label`), which are part of the entry's identity across
editions (`entry_key`) and of its row hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from loaders.sources.lists import ListInfo

__all__ = ["ListRecord", "entry_key"]


@dataclass(frozen=True, slots=True)
class ListRecord:
    """One list entry as published, typed; `row` is the 1-based data row (header excluded)."""

    row: int
    list_info: ListInfo
    list_label: str  # the publisher's words for the list (the CSL's `source` column)
    name: str
    uid: str | None = None  # the publisher's own row id (the CSL's `_id`)
    entity_number: str | None = None  # the publisher's entry number (OFAC's ent_num)
    type: str | None = None  # Entity, Individual, Vessel, Aircraft, or None: not stated
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
    # What a source says beyond the common fields (the 1260H parent, a note, previous names,
    # the name as listed when the name states a parent): read by `loaders.pipeline.statements`.
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_person(self) -> bool:
        return (self.type or "").casefold() == "individual"

    @property
    def country(self) -> str | None:
        return self.countries[0] if self.countries else None

    def content(self) -> dict[str, Any]:
        """What the row says (not where it sat in the file): the input of `row_hash`. The
        list's label is its `source`, as the CSL's column is called: hashes made before the
        record had other sources stay the same."""
        return {
            "source": self.list_label,
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


def entry_key(record: ListRecord) -> str:
    """The identity of a list entry across editions: list label + entry number, else the
    publisher's row id, else name + addresses. Stable as long as the publisher keeps its
    numbers; the same for every source that keys the list with the same label."""
    if record.entity_number:
        basis = f"{record.list_label}|en|{record.entity_number}"
    elif record.uid:
        basis = f"{record.list_label}|id|{record.uid}"
    else:
        basis = f"{record.list_label}|name|{record.name}|{'|'.join(record.addresses)}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
