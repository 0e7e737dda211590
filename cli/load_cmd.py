"""`survgraph load ...`: one subcommand per source; every load prints and saves its report."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path

from graph.db import Graph
from graph.errors import DatabaseUnavailable
from graph.settings import get_settings
from loaders.report import LoadReport

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
    csl = kinds.add_parser(
        "csl", help="load the US Consolidated Screening List (trade.gov CSV or JSON)"
    )
    csl_from = csl.add_mutually_exclusive_group(required=True)
    csl_from.add_argument("file", type=Path, nargs="?", help="a CSL .csv or .json file")
    csl_from.add_argument("--url", default=None, help="download the file first (httpx)")
    csl.add_argument(
        "--publisher-updated", default=None,
        help="the publisher's own date of this edition (YYYY-MM-DD); never the file's mtime",
    )  # fmt: skip
    csl.add_argument("--batch-size", type=int, default=2000)
    csl.set_defaults(handler=_resumable(_csl))
    ofac = kinds.add_parser("ofac", help="load OFAC's legacy CSV files (sdn.csv... or cons_*.csv)")
    ofac.add_argument("directory", type=Path, help="a folder with one OFAC file set (.csv or .gz)")
    ofac.set_defaults(handler=_resumable(_ofac))
    dod = kinds.add_parser(
        "1260h", help="load the DoD Section 1260H list (tranche CSV or per-list JSON)"
    )
    dod.add_argument("file", type=Path, help="a 1260H .csv (all tranches) or .json file")
    dod.set_defaults(handler=_resumable(_dod_1260h))
    snapshot = kinds.add_parser("snapshot", help="load the bundled real list entries")
    snapshot.add_argument("--dir", type=Path, default=None, help="default: data/snapshots/")
    snapshot.set_defaults(handler=_resumable(_snapshot))


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
    from loaders.ftm_load import load_ftm

    with Graph() as graph:
        report = load_ftm(graph, args.file)
    return finish(report)


def _article(args: argparse.Namespace) -> int:
    from loaders.article_load import load_article

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


def _csl(args: argparse.Namespace) -> int:
    from loaders.csl_load import download_csl, load_csl

    with Graph() as graph:
        if args.url:
            path = download_csl(args.url, get_settings().out_dir / "downloads")
        else:
            path = args.file
        report = load_csl(
            graph, path, url=args.url, publisher_updated=args.publisher_updated,
            batch_size=args.batch_size,
        )  # fmt: skip
    return finish(report)


def _ofac(args: argparse.Namespace) -> int:
    from loaders.snapshot import load_ofac

    with Graph() as graph:
        report = load_ofac(graph, args.directory)
    return finish(report)


def _dod_1260h(args: argparse.Namespace) -> int:
    from loaders.snapshot import load_1260h

    with Graph() as graph:
        report = load_1260h(graph, args.file)
    return finish(report)


def _snapshot(args: argparse.Namespace) -> int:
    from loaders.snapshot import SNAPSHOT_DIR, load_snapshots

    with Graph() as graph:
        reports = load_snapshots(graph, args.dir or SNAPSHOT_DIR)
    for report in reports:
        finish(report)
    return 0
