"""A screening upload: spooled to disk as it arrives, checked, then read one record at a time.

Nothing is held whole in memory: the body is written to the job's spool file chunk by chunk
(counting bytes against the configured maximum, a 413 above it), and `records` reads the file
lazily. A file that is not CSV or JSON lines, or has no `name` column, is refused as a whole
(422 naming the problem); a single bad record is malformed, numbered and kept aside, and the
rest is screened. Records are numbered from 0 in input order, malformed ones included, so a
job resumed after a crash skips exactly the records it had finished.
"""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.checks import MAX_QUERY_CHARS
from graph.errors import BadRequest, TooLarge

FORMATS = {"text/csv": "csv", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl"}
KNOWN = ("name", "country", "address", "row_id")
csv.field_size_limit(1 << 20)  # a record longer than this is malformed, never a crash


@dataclass(frozen=True)
class Record:
    """One input record: its number, the line it starts on, and its fields or its fault."""

    row: int
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def column(header: str) -> str:
    """A header field as a column name: case, blanks and stray quotes aside."""
    return header.strip().strip('"').strip().lower()


def format_of(content_type: str | None) -> str:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media not in FORMATS:
        raise BadRequest(
            f"the body must be CSV (Content-Type: text/csv) or JSON lines "
            f"(application/x-ndjson), not {media or 'untyped'}"
        )
    return FORMATS[media]


async def spool(chunks: AsyncIterator[bytes], path: Path, max_bytes: int) -> tuple[int, int]:
    """Write the body to `path` as it arrives: its size and line count (the job's first
    estimate of its rows); TooLarge (and the file removed) above max."""
    size = lines = 0
    last = b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("wb") as out:
            async for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise TooLarge(
                        f"the upload exceeds {max_bytes} bytes (SURVGRAPH_SCREENING_MAX_BYTES)"
                    )
                out.write(chunk)
                lines += chunk.count(b"\n")
                last = chunk[-1:] or last
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return size, lines + (last != b"\n")


def check(path: Path, fmt: str) -> None:
    """Refuse a file that cannot be screened at all: empty, not text, no name column."""
    with path.open("rb") as fh:
        head = fh.read(64 * 1024)
    if not head.strip():
        raise BadRequest("the upload is empty: send a CSV with a header or JSON lines")
    if b"\x00" in head:
        raise BadRequest("the upload is not text (it contains NUL bytes): not CSV or JSONL")
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    if fmt == "csv":
        _check_header(text)
    else:
        _check_first_object(text)


def _check_header(text: str) -> None:
    try:
        header = next(csv.reader([text.split("\n", 1)[0].rstrip("\r")]))
    except (csv.Error, StopIteration):
        raise BadRequest("the CSV header cannot be read") from None
    if "name" not in [column(h) for h in header]:
        raise BadRequest(f"the CSV has no `name` column (its header: {', '.join(header)[:200]})")


def _check_first_object(text: str) -> None:
    first = next((x for x in text.split("\n") if x.strip()), "")
    try:
        value = json.loads(first)
    except ValueError:
        raise BadRequest("the first line is not JSON: the body is not JSON lines") from None
    if not isinstance(value, dict):
        raise BadRequest("each JSON line must be an object with a `name` field")
    if "name" not in value:
        raise BadRequest("the first JSON object has no `name` field")


def records(path: Path, fmt: str, skip: int = 0) -> Iterator[Record]:
    """The file's records in order, from record number `skip` on."""
    source = _csv_records(path) if fmt == "csv" else _jsonl_records(path)
    for record in source:
        if record.row >= skip:
            yield record


def _open(path: Path) -> Any:
    # Undecodable bytes become U+FFFD, and the record holding them is malformed (not a crash).
    return path.open(encoding="utf-8-sig", errors="replace", newline="")


def _csv_records(path: Path) -> Iterator[Record]:
    with _open(path) as fh:
        reader = csv.reader(fh)
        header = [column(h) for h in next(reader)]
        line, row = reader.line_num + 1, 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Record(row, line, error=f"line {line}: not readable as CSV: {exc}")
                line, row = reader.line_num + 1, row + 1
                continue
            if values:  # a blank line is no record
                yield _csv_record(row, line, header, values)
                row += 1
            line = reader.line_num + 1


def _csv_record(row: int, line: int, header: list[str], values: list[str]) -> Record:
    if len(values) != len(header):
        return Record(
            row, line, error=f"line {line}: {len(values)} fields, the header has {len(header)}"
        )
    return _record(row, line, dict(zip(header, values, strict=True)))


def _jsonl_records(path: Path) -> Iterator[Record]:
    with _open(path) as fh:
        row = 0
        for number, text in enumerate(fh, start=1):
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except ValueError as exc:
                yield Record(row, number, error=f"line {number}: not JSON: {exc.args[0]}")
            else:
                if isinstance(value, dict):
                    yield _record(row, number, value)
                else:
                    yield Record(row, number, error=f"line {number}: not a JSON object")
            row += 1


def _record(row: int, line: int, raw: dict[str, Any]) -> Record:
    """Known fields by name, every other non-empty field an identifier; faults named."""
    values = {str(k).strip().lower(): v for k, v in raw.items()}
    name = values.get("name")
    if not isinstance(name, str) or not name.strip():
        return Record(row, line, error=f"line {line}: no name")
    if len(name) > MAX_QUERY_CHARS:
        return Record(row, line, error=f"line {line}: name longer than {MAX_QUERY_CHARS}")
    if "\ufffd" in json.dumps(raw, ensure_ascii=False):
        return Record(row, line, error=f"line {line}: not UTF-8")
    fields: dict[str, Any] = {k: _text(values.get(k)) for k in KNOWN}
    fields["name"] = name.strip()
    fields["identifiers"] = {
        k: _text(v) for k, v in values.items() if k not in KNOWN and _text(v) is not None
    }
    return Record(row, line, fields)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    out = value.strip() if isinstance(value, str) else json.dumps(value)
    return out or None
