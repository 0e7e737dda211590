"""Parse FollowTheMoney / OpenSanctions entity JSON lines into typed records.

Parsing only (no database): each line becomes an `FtmRecord` checked against the
`followthemoney` model (known schema, required properties, a name for parties), or a
`Rejection` naming the line and why. Mapping to the graph is `loaders.ftm.load`'s job.

Our ids (`company:hikvision`) are not valid FtM ids (no colons allowed), so on export they
become `company.hikvision` — reversible, because our prefixes and slugs never contain a dot —
and an FtM id of that form read back restores our id (`graph.model.our_id`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followthemoney import model

from loaders.plumbing.report import Rejection

OUR_ID = re.compile(r"^(company|person|gov|place|list|contract|source):([a-z0-9][a-z0-9-]*)$")
OUR_FACT_ID = re.compile(r"^fact:[0-9a-f]{20}$")

# FtM schema -> what we do with it.
PARTY_SCHEMATA = {
    "Company": "Company",
    "Organization": "Company",
    "LegalEntity": "Company",
    "PublicBody": "GovernmentBody",
}
# only our own exports (a person's holding is restored; other people are not loaded yet)
RESTORE_ONLY = {"Address": "Place", "Contract": "Contract", "Person": "Person"}
DOCUMENT_SCHEMATA = frozenset({"Document", "Article"})
LINK_SCHEMATA = frozenset(
    {"Ownership", "Sanction", "Documentation", "Mention", "UnknownLink", "ContractAward"}
)
SKIPPED_SCHEMATA = frozenset({"Person", "Identification", "Address", "Contract"})
KNOWN = (
    set(PARTY_SCHEMATA) | set(RESTORE_ONLY) | DOCUMENT_SCHEMATA | LINK_SCHEMATA | SKIPPED_SCHEMATA
)


@dataclass(frozen=True)
class FtmRecord:
    """One valid FtM entity line."""

    line: int
    id: str
    schema: str
    props: dict[str, list[str]]
    datasets: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def first(self, name: str) -> str | None:
        values = self.props.get(name) or []
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return list(self.props.get(name) or [])

    @property
    def caption(self) -> str:
        return self.first("name") or self.first("title") or self.id


@dataclass
class FtmFile:
    path: Path
    records: list[FtmRecord] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    lines: int = 0

    @property
    def datasets(self) -> list[str]:
        seen: dict[str, None] = {}
        for record in self.records:
            for name in record.datasets:
                seen.setdefault(name, None)
        return list(seen)


def _parse_line(number: int, text: str) -> FtmRecord:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise ValueError("a line must be a JSON object")
    schema_name = data.get("schema")
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        raise ValueError(f"unknown schema {schema_name!r}")
    if schema.name not in KNOWN:
        raise ValueError(f"schema {schema.name} is not loaded by survgraph")
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id:
        raise ValueError("missing id")
    raw = data.get("properties") or {}
    if not isinstance(raw, dict):
        raise ValueError("properties must be an object")
    props: dict[str, list[str]] = {}
    for name, values in raw.items():
        prop = schema.properties.get(name)
        if prop is None:
            continue  # unknown properties are dropped, as the FtM model does
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            raise ValueError(f"property {name} must be a list")
        cleaned = [str(v).strip() for v in values if v is not None and str(v).strip()]
        if cleaned:
            props[name] = cleaned
    for required in schema.required:
        if not props.get(required):
            what = "name" if required == "name" else f"required property {required}"
            raise ValueError(f"missing {what} ({schema.name})")
    if schema.name in PARTY_SCHEMATA and not props.get("name"):
        raise ValueError(f"missing name ({schema.name})")
    datasets = data.get("datasets") or []
    return FtmRecord(
        line=number,
        id=entity_id,
        schema=schema.name,
        props=props,
        datasets=tuple(str(d) for d in datasets if d),
        extra={k: data[k] for k in ("first_seen", "last_seen", "caption") if k in data},
    )


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8") as fh:
        for number, text in enumerate(fh, start=1):
            if text.strip():
                yield number, text


def read_ftm(path: Path) -> FtmFile:
    """Every line parsed; bad ones kept aside with their line number."""
    result = FtmFile(path=path)
    for number, text in iter_lines(path):
        result.lines += 1
        try:
            result.records.append(_parse_line(number, text))
        except ValueError as exc:
            result.rejected.append(
                Rejection(f"{path.name}:{number}", str(exc), {"text": text[:500]})
            )
    return result
