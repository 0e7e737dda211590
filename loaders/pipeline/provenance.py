"""Where every fact of a list load says it comes from: its source, its snapshot, its run.

Why in one place: a journalist quotes the snapshot a listing cites, so an OFAC or 1260H
listing must name OFAC or the DoD, never the CSL. A load's ids are functions of the source's
name and the input's digest: `source:<name>-<sha256[:16]>` (the snapshot Source every
relationship of the load cites) and `run:<name>-<started>-<sha256[:8]>` (its LoadRun); every
node and relationship it writes carries `origin: <name>`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from loaders.sources import ListSource, RegisterSource

__all__ = ["Run", "input_digest", "now", "run_for", "snapshot_id"]


@dataclass(frozen=True)
class Run:
    """The load run every row cites."""

    run_id: str
    source_id: str
    at: str
    origin: str  # the source's name


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def snapshot_id(source_name: str, sha: str) -> str:
    return f"source:{source_name}-{sha[:16]}"


def run_for(source: ListSource | RegisterSource, sha: str, started: datetime) -> Run:
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    return Run(
        f"run:{source.name}-{stamp}-{sha[:8]}",
        snapshot_id(source.name, sha),
        started.isoformat(),
        source.name,
    )


def input_digest(path: Path) -> str:
    """The sha256 of a file, or of a folder's files (their names and contents, in name
    order): the identity of one edition, whatever its form."""
    if not path.is_dir():
        return _file_sha256(path)
    digest = hashlib.sha256()
    for item in sorted(p for p in path.iterdir() if p.is_file()):
        digest.update(item.name.encode("utf-8") + b"\0")
        digest.update(bytes.fromhex(_file_sha256(item)))
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
