"""`survgraph load ...`: one subcommand per source; every load prints and saves its report."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.db import Graph
from graph.settings import get_settings
from loaders.report import LoadReport


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    load = sub.add_parser("load", help="load a source into the graph (idempotent)")
    kinds = load.add_subparsers(dest="kind", required=True, metavar="SOURCE")
    curated = kinds.add_parser("curated", help="apply the schema and load the cited data/ files")
    curated.add_argument("--data-dir", type=Path, default=None, help="default: data/")
    curated.set_defaults(handler=_curated)


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
