"""`survgraph update [--source NAME]`: fetch the official lists, load what changed, show freshness.

What there is to fetch is the catalogue's (`loaders.sources`); the download is
`loaders.download`'s; a changed file goes through the list pipeline. A register (GLEIF) is
fetched from its API for the graph's LEIs and the `--lei` / `--name` given
(`loaders.api_download`), then loaded by the register load.

Exit codes: 0 every selected source is current (or has no loader yet, which is said);
3 partly updated: at least one download failed (one line says which and why) and the graph
kept that source's last load exactly as it was.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from graph.db import Graph
from graph.settings import Settings, get_settings
from loaders.download import Fetched, fetch, read_meta, write_meta
from loaders.pipeline.provenance import snapshot_id
from loaders.plumbing.report import LoadReport
from loaders.sources import Download, RegisterSource, Source, downloads, markdown_table

PARTLY_UPDATED = 3
_LEI = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")  # ISO 17442: 18 characters, 2 check digits


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    update = sub.add_parser("update", help="fetch the official lists and load the changed ones")
    defaults = ", ".join(d.name for _, d in downloads() if d.default)
    update.add_argument(
        "--source",
        choices=[d.name for _, d in downloads()],
        default=None,
        help=f"update one source (default: {defaults})",
    )
    update.add_argument(
        "--lei",
        action="append",
        default=[],
        metavar="LEI",
        help="a register's key to fetch besides the graph's (repeatable; --source gleif)",
    )
    update.add_argument(
        "--name",
        action="append",
        default=[],
        metavar="NAME",
        help="a legal name to look up in the register (repeatable; --source gleif)",
    )
    update.add_argument(
        "--list",
        action="store_true",
        help="print the official sources and their URLs, fetch nothing",
    )
    update.set_defaults(handler=run_update)


def _selected(name: str | None) -> list[tuple[Source, Download]]:
    return [(s, d) for s, d in downloads() if (d.name == name if name else d.default)]


def run_update(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.list:
        print(markdown_table(settings))
        return 0
    results: list[tuple[Fetched, LoadReport | None]] = []
    failed = False
    headers = {"Accept-Encoding": "identity", "User-Agent": "survgraph-update"}
    with httpx.Client(
        timeout=settings.download_timeout_s, follow_redirects=True, headers=headers
    ) as client:
        for source, download in _selected(args.source):
            if isinstance(source, RegisterSource):
                failed |= not _update_register(source, download, settings, client, args)
                continue
            if not download.loads:
                print(f"{download.name}: no loader yet; official URL {download.url(settings)}")
                continue
            fetched = fetch(source, download, settings, client)
            if fetched.status == "failed":
                failed = True
                print(
                    f"{download.name}: not updated ({fetched.error}); the graph keeps its last load"
                )
                continue
            results.append((fetched, _load(fetched, settings)))
    if results:
        _freshness(results)
    return PARTLY_UPDATED if failed else 0


def _update_register(
    source: RegisterSource,
    download: Download,
    settings: Settings,
    client: httpx.Client,
    args: argparse.Namespace,
) -> bool:
    """Fetch the register's records of the graph's keys and the ones asked for, all or
    nothing, and load them when they changed; False when the fetch failed (the graph is
    left as it was)."""
    from cli.load_cmd import finish
    from loaders.api_download import ApiError, gleif_api, harvest_gleif, write_harvest
    from loaders.pipeline import load_register

    with Graph(settings) as graph:
        rows = graph.read("load/register_keyed", prefix=f"{source.key_scheme}:")
    keys = {str(k).split(":")[1].upper() for row in rows for k in row["keys"] if ":" in str(k)}
    given = {lei.strip().upper() for lei in args.lei if lei.strip()}
    malformed = sorted(lei for lei in given if not _LEI.match(lei))
    if malformed:
        print(f"{download.name}: not an LEI (20 letters and digits): {', '.join(malformed)}")
        return False
    keys |= given
    if not keys and not args.name:
        print(
            f"{download.name}: no LEIs in the graph and none given (--lei, --name): "
            "nothing to fetch"
        )
        return True
    api = gleif_api(settings, client)
    try:
        harvest = harvest_gleif(api, sorted(keys), args.name, settings.gleif_page_size)
    except ApiError as exc:
        print(f"{download.name}: not updated ({exc}); the graph keeps its last load")
        return False
    written = write_harvest(settings, download, harvest, api)
    asked = f"{len(harvest.leis)} LEIs, {api.requests} requests ({api.not_modified} not modified)"
    if not written.changed:
        print(f"{download.name}: unchanged since {written.retrieved} ({asked}); not loaded again")
        return True
    with Graph(settings) as graph:
        report = load_register(graph, source, written.path, url=api.base)
    finish(report)
    meta = read_meta(settings, download)
    write_meta(settings, download, {**meta, "loaded_sha256": written.sha256})
    print(f"{download.name}: loaded ({asked})")
    return True


def _load(fetched: Fetched, settings: Settings) -> LoadReport | None:
    """Load a changed file, then record that this edition is loaded (only after success)."""
    if fetched.status != "changed":
        print(f"{fetched.download.name}: unchanged since {fetched.retrieved}; not loaded again")
        return None
    from cli.load_cmd import finish
    from loaders.pipeline import load

    with Graph(settings) as graph:
        report = load(graph, fetched.source, fetched.path, url=fetched.url)
    finish(report)
    meta = read_meta(settings, fetched.download)
    write_meta(settings, fetched.download, {**meta, "loaded_sha256": fetched.sha256})
    return report


def _freshness(results: list[tuple[Fetched, LoadReport | None]]) -> None:
    table = Table(title="Freshness")
    for column in ("list", "publisher's date", "retrieved", "entries", "added/modified/ended"):
        table.add_column(column)
    with Graph() as graph:
        rows = graph.read("admin/list_freshness")
    for fetched, report in results:
        snapshot = snapshot_id(fetched.source.name, fetched.sha256 or "")
        changes = _changes(report)
        for row in rows:
            if row["snapshot_source_id"] == snapshot:
                table.add_row(
                    str(row["short_name"]),
                    str(row["publisher_updated"] or "not stated"),
                    str(fetched.retrieved),
                    str(row["entry_count"]),
                    changes,
                )
    Console().print(table)


def _changes(report: LoadReport | None) -> str:
    if report is None:
        return "unchanged"
    counts: dict[str, Any] = report.extra.get("changes", {})
    return f"{counts.get('added', 0)}/{counts.get('modified', 0)}/{counts.get('ended', 0)}"
