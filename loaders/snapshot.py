"""The bundled snapshots of real list entries (`data/snapshots/`), so a first run has them offline.

Each folder holds one published file set (compressed) and a `snapshot.json` naming its title,
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
from loaders.report import LoadReport

__all__ = ["SNAPSHOT_DIR", "Snapshot", "load_1260h", "load_ofac", "load_snapshots", "snapshots"]

SNAPSHOT_DIR = PROJECT_ROOT / "data" / "snapshots"
OFAC_PUBLISHER = "Office of Foreign Assets Control, US Department of the Treasury"
DOD_PUBLISHER = "U.S. Department of Defense"


@dataclass(frozen=True)
class Snapshot:
    """One bundled file set and what its manifest says about it."""

    directory: Path
    loader: str
    meta: dict[str, Any]

    def source_props(self) -> dict[str, Any]:
        """The manifest's words over the CSL loader's default Source properties."""
        keys = ("title", "publisher", "url", "date", "origin", "licence")
        props = {key: self.meta[key] for key in keys if self.meta.get(key)}
        return {**props, "file_name": self.directory.name}


def snapshots(root: Path = SNAPSHOT_DIR) -> list[Snapshot]:
    """Every folder with a `snapshot.json` under root, in name order (loads are then stable)."""
    found = []
    for manifest in sorted(root.glob("*/snapshot.json")):
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        found.append(Snapshot(manifest.parent, str(meta.get("loader", "")), meta))
    return found


def load_ofac(
    graph: Graph, directory: Path, *, source_props: dict[str, Any] | None = None,
    progress: bool | None = None,
) -> LoadReport:  # fmt: skip
    """OFAC's own legacy CSV files, written as the CSL loader writes a CSL download."""
    from loaders.csl_load import load_csl
    from loaders.ofac import SDN_URL, iter_ofac, tree_sha256

    props = {"publisher": OFAC_PUBLISHER, "url": SDN_URL, "title": f"OFAC files {directory.name}"}
    props.update(source_props or {})
    report = load_csl(
        graph, directory, url=str(props["url"]), records=iter_ofac(directory),
        sha256=tree_sha256(directory), source_props=props, progress=progress,
    )  # fmt: skip
    report.loader = "ofac"
    return report


def load_1260h(
    graph: Graph, path: Path, *, source_props: dict[str, Any] | None = None,
    progress: bool | None = None,
) -> LoadReport:  # fmt: skip
    """A DoD 1260H file (tranche CSV or per-list JSON), written as the CSL loader writes a CSL
    download. Its entries are never ended by a later 1260H file: the tranches state their
    own ends (`End date`), and one file need not hold every tranche."""
    from loaders.csl_load import file_sha256, load_csl
    from loaders.dod1260h import LIST_URL, iter_1260h

    props = {"publisher": DOD_PUBLISHER, "url": LIST_URL, "kind": "register",
             "title": f"DoD Section 1260H list, file {path.name}"}  # fmt: skip
    props.update(source_props or {})
    report = load_csl(
        graph, path, url=str(props["url"]), records=iter_1260h(path), sha256=file_sha256(path),
        source_props=props, progress=progress, end_absent=False,
    )  # fmt: skip
    report.loader = "1260h"
    return report


def load_snapshots(
    graph: Graph, root: Path = SNAPSHOT_DIR, progress: bool | None = None
) -> list[LoadReport]:
    """Load every bundled snapshot; a folder whose loader we lack is an error, not a skip."""
    reports = []
    for snap in snapshots(root):
        if snap.loader != "ofac":
            raise ValueError(f"{snap.directory}: no loader for {snap.loader!r}")
        reports.append(
            load_ofac(graph, snap.directory, source_props=snap.source_props(), progress=progress)
        )
    return reports
