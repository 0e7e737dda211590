"""`survgraph export ftm`: the graph (or one entity's neighbourhood) as FtM JSON lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.db import Graph


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="export the graph in an exchange format")
    kinds = export.add_subparsers(dest="format", required=True, metavar="FORMAT")
    ftm = kinds.add_parser("ftm", help="FollowTheMoney entity JSON lines (loadable by load ftm)")
    ftm.add_argument("--entity", default=None, help="export only this entity's neighbourhood")
    ftm.add_argument("--depth", type=int, default=1, help="neighbourhood depth (default 1)")
    ftm.add_argument("-o", "--output", type=Path, default=None, help="default: stdout")
    ftm.set_defaults(handler=_ftm)


def _ftm(args: argparse.Namespace) -> int:
    from exports.ftm import export_file, write_ftm

    with Graph() as graph:
        if args.output is None:
            count = write_ftm(graph, sys.stdout, args.entity, args.depth)
        else:
            count = export_file(graph, args.output, args.entity, args.depth)
    print(f"{count} FtM entities written", file=sys.stderr)
    return 0
