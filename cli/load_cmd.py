"""`survgraph load ...`: one subcommand per source; every load prints and saves its report."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path

from graph.db import Graph
from graph.errors import DatabaseUnavailable
from graph.settings import get_settings
from loaders.plumbing.report import LoadReport
from loaders.sources import CATALOGUE, REGISTERS, ListSource, RegisterSource

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    load = sub.add_parser("load", help="load a source into the graph (idempotent)")
    kinds = load.add_subparsers(dest="kind", required=True, metavar="SOURCE")
    curated = kinds.add_parser("curated", help="apply the schema and load the cited data/ files")
    curated.add_argument("--data-dir", type=Path, default=None, help="default: data/")
    curated.set_defaults(handler=_resumable(_curated))
    ftm = kinds.add_parser("ftm", help="load FollowTheMoney / OpenSanctions entity JSON lines")
    ftm.add_argument("file", type=Path)
    ftm.set_defaults(handler=_resumable(_ftm))
    article = kinds.add_parser("article", help="link the organisations a news article mentions")
    article.add_argument("file", type=Path, help="plain text or HTML")
    article.add_argument("--title", default=None, help="default: HTML title / first line")
    article.add_argument("--publisher", default=None, help="default: HTML og:site_name")
    article.add_argument("--date", default=None, help="YYYY-MM-DD (default: HTML meta)")
    article.add_argument("--url", default=None, help="default: HTML canonical link")
    article.set_defaults(handler=_resumable(_article))
    for source in CATALOGUE:
        _add_list_source(kinds, source)
    for register in REGISTERS:
        cmd = kinds.add_parser(register.command_name, help=f"load the {register.title}")
        cmd.add_argument("path", type=Path, help="the API's JSON, or a golden copy CSV")
        cmd.set_defaults(handler=_resumable(_register), source=register)
    snapshot = kinds.add_parser("snapshot", help="load the bundled real list entries")
    snapshot.add_argument("--dir", type=Path, default=None, help="default: data/snapshots/")
    snapshot.set_defaults(handler=_resumable(_snapshot))


def _add_list_source(
    kinds: argparse._SubParsersAction[argparse.ArgumentParser], source: ListSource
) -> None:
    """`survgraph load <source> PATH`: every list source of the catalogue, one pipeline."""
    cmd = kinds.add_parser(source.command_name, help=f"load the {source.title}")
    what = "a folder with one file set" if source.reads == "directory" else "a file"
    if any(d.loads for d in source.downloads):
        where = cmd.add_mutually_exclusive_group(required=True)
        where.add_argument("path", type=Path, nargs="?", help=what)
        where.add_argument("--url", default=None, help="download the file first")
    else:
        cmd.add_argument("path", type=Path, help=what)
    cmd.add_argument(
        "--publisher-updated",
        default=None,
        help="the publisher's own date of this edition (YYYY-MM-DD); never the file's mtime",
    )
    cmd.add_argument("--batch-size", type=int, default=2000)
    cmd.set_defaults(handler=_resumable(_list), source=source)


def _resumable(handler: Handler) -> Handler:
    """A load the database dropped says how to finish it: every load is idempotent, and its
    rerun completes exactly what a clean load would have written."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except DatabaseUnavailable as exc:
            raise DatabaseUnavailable(
                f"{exc.detail}; the load stopped part-way: run the same command again once "
                "Neo4j is back, and it completes the load"
            ) from exc

    return run


def finish(report: LoadReport) -> int:
    """Print and save a report; a load with rejected rows still succeeds (they are kept aside)."""
    path = report.save(get_settings().out_dir)
    report.print()
    print(f"report: {path}")
    return 0


def _curated(args: argparse.Namespace) -> int:
    from loaders.curated import DATA_DIR, load_curated

    with Graph() as graph:
        report = load_curated(graph, args.data_dir or DATA_DIR)
    return finish(report)


def _ftm(args: argparse.Namespace) -> int:
    from loaders.ftm import load_ftm

    with Graph() as graph:
        report = load_ftm(graph, args.file)
    return finish(report)


def _article(args: argparse.Namespace) -> int:
    from loaders.article import load_article

    with Graph() as graph:
        report = load_article(
            graph,
            args.file,
            title=args.title,
            publisher=args.publisher,
            date=args.date,
            url=args.url,
        )
    return finish(report)


def _list(args: argparse.Namespace) -> int:
    from loaders.pipeline import load

    source: ListSource = args.source
    url = getattr(args, "url", None)
    with Graph() as graph:
        path = _downloaded(source, url) if url else args.path
        report = load(
            graph,
            source,
            path,
            url=url,
            publisher_updated=args.publisher_updated,
            batch_size=args.batch_size,
        )
    return finish(report)


def _register(args: argparse.Namespace) -> int:
    from loaders.pipeline import load_register

    source: RegisterSource = args.source
    with Graph() as graph:
        report = load_register(graph, source, args.path)
    return finish(report)


def _downloaded(source: ListSource, url: str) -> Path:
    """The file at `url`, fetched by the one downloader into the downloads folder."""
    import httpx

    from graph.errors import SurvgraphError
    from loaders.download import fetch

    settings = get_settings()
    download = next(d for d in source.downloads if d.loads)
    with httpx.Client(timeout=settings.download_timeout_s, follow_redirects=True) as client:
        fetched = fetch(source, download, settings, client, url=url)
    if fetched.status == "failed":
        raise SurvgraphError(f"could not download {url}: {fetched.error}")
    return fetched.path


def _snapshot(args: argparse.Namespace) -> int:
    from loaders.snapshot import SNAPSHOT_DIR, load_snapshots

    with Graph() as graph:
        reports = load_snapshots(graph, args.dir or SNAPSHOT_DIR)
    for report in reports:
        finish(report)
    return 0
