"""The bundled snapshots of real list entries (`data/snapshots/`), so a first run has them offline.

Each folder holds one published file set (compressed) and a `snapshot.json` naming the list
source that reads it (`loader`, a name in the catalogue, `loaders.sources`) and its title,
publisher, official URL, date, origin and licence; that becomes the snapshot `Source` the
loaded designations cite, so `/lists` shows where each list's entries come from. Only files
whose terms allow redistribution in this Apache-2.0 project are bundled
(`data/snapshots/SOURCES.md`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.db import Graph
from graph.settings import PROJECT_ROOT
from loaders.pipeline import load
from loaders.plumbing.report import LoadReport
from loaders.sources import ListSource, source_named

__all__ = ["SNAPSHOT_DIR", "Snapshot", "load_snapshots", "snapshots"]

SNAPSHOT_DIR = PROJECT_ROOT / "data" / "snapshots"


@dataclass(frozen=True)
class Snapshot:
    """One bundled file set and what its manifest says about it."""

    directory: Path
    source: ListSource
    meta: dict[str, Any]

    def source_props(self) -> dict[str, Any]:
        """The manifest's words over the pipeline's default Source properties."""
        keys = ("title", "publisher", "url", "date", "origin", "licence")
        props = {key: self.meta[key] for key in keys if self.meta.get(key)}
        return {**props, "file_name": self.directory.name}


def snapshots(root: Path = SNAPSHOT_DIR) -> list[Snapshot]:
    """Every folder with a `snapshot.json` under root, in name order (loads are then stable);
    a manifest naming no source of the catalogue is an error, not a skip."""
    found = []
    for manifest in sorted(root.glob("*/snapshot.json")):
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        try:
            source = source_named(str(meta.get("loader", "")))
        except KeyError as exc:
            raise ValueError(f"{manifest}: {exc.args[0]}") from exc
        found.append(Snapshot(manifest.parent, source, meta))
    return found


def load_snapshots(
    graph: Graph, root: Path = SNAPSHOT_DIR, progress: bool | None = None
) -> list[LoadReport]:
    """Load every bundled snapshot through the list pipeline."""
    return [
        load(
            graph,
            snap.source,
            snap.directory,
            url=snap.meta.get("url"),
            source_props=snap.source_props(),
            progress=progress,
        )
        for snap in snapshots(root)
    ]
