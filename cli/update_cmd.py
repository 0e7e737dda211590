"""`survgraph update [--source NAME]`: fetch the official lists, load what changed, show freshness.

Exit codes: 0 every selected source is current (or has no loader yet, which is said);
3 partly updated: at least one download failed (one line says which and why) and the graph
kept that source's last load exactly as it was.
"""

from __future__ import annotations

import argparse
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from graph.db import Graph
from graph.settings import Settings, get_settings
from loaders.report import LoadReport
from loaders.update import SOURCES, Fetched, OfficialSource, fetch, read_meta, write_meta

PARTLY_UPDATED = 3


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    update = sub.add_parser("update", help="fetch the official lists and load the changed ones")
    update.add_argument(
        "--source", choices=[s.name for s in SOURCES], default=None,
        help="update one source (default: " + ", ".join(s.name for s in SOURCES if s.default) + ")",
    )  # fmt: skip
    update.set_defaults(handler=run_update)


def _selected(name: str | None) -> list[OfficialSource]:
    return [s for s in SOURCES if (s.name == name if name else s.default)]


def run_update(args: argparse.Namespace) -> int:
    settings = get_settings()
    results: list[tuple[Fetched, LoadReport | None]] = []
    failed = False
    headers = {"Accept-Encoding": "identity", "User-Agent": "survgraph-update"}
    with httpx.Client(
        timeout=settings.download_timeout_s, follow_redirects=True, headers=headers
    ) as client:
        for source in _selected(args.source):
            if source.loader is None:
                print(f"{source.name}: no loader yet; official URL {source.url(settings)}")
                continue
            fetched = fetch(source, settings, client)
            if fetched.status == "failed":
                failed = True
                print(
                    f"{source.name}: not updated ({fetched.error}); the graph keeps its last load"
                )
                continue
            results.append((fetched, _load(fetched, settings)))
    if results:
        _freshness(results)
    return PARTLY_UPDATED if failed else 0


def _load(fetched: Fetched, settings: Settings) -> LoadReport | None:
    """Load a changed file, then record that this edition is loaded (only after success)."""
    if fetched.status != "changed":
        print(f"{fetched.source.name}: unchanged since {fetched.retrieved}; not loaded again")
        return None
    from cli.load_cmd import finish
    from loaders.csl_load import load_csl

    with Graph(settings) as graph:
        report = load_csl(graph, fetched.path, url=fetched.source.url(settings))
    finish(report)
    meta = read_meta(settings, fetched.source)
    write_meta(settings, fetched.source, {**meta, "loaded_sha256": fetched.sha256})
    return report


def _freshness(results: list[tuple[Fetched, LoadReport | None]]) -> None:
    table = Table(title="Freshness")
    for column in ("list", "publisher's date", "retrieved", "entries", "added/modified/ended"):
        table.add_column(column)
    with Graph() as graph:
        rows = graph.read("admin/list_freshness")
    for fetched, report in results:
        snapshot = f"source:csl-{(fetched.sha256 or '')[:16]}"
        changes = _changes(report)
        for row in rows:
            if row["snapshot_source_id"] == snapshot:
                table.add_row(
                    str(row["short_name"]), str(row["publisher_updated"] or "not stated"),
                    str(fetched.retrieved), str(row["entry_count"]), changes,
                )  # fmt: skip
    Console().print(table)


def _changes(report: LoadReport | None) -> str:
    if report is None:
        return "unchanged"
    counts: dict[str, Any] = report.extra.get("changes", {})
    return f"{counts.get('added', 0)}/{counts.get('modified', 0)}/{counts.get('ended', 0)}"
