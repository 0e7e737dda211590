"""`survgraph export ftm|graphml|gexf`: the graph, or one question's subgraph, as a file.

`ftm` writes FollowTheMoney entity JSON lines (the graph, or one entity's neighbourhood).
`graphml` and `gexf` write the subgraph of one of the API's questions, asked as the API asks
it (`api.queries`, run on the blocking driver, converted by `api.subgraphs`), so a file from
the command line and one from `?format=graphml` hold the same nodes and edges:

    survgraph export graphml --entity company:hikvision --depth 2 -o hikvision.graphml
    survgraph export gexf --subsidiaries company:hikvision --listed --as-of 2023-12-31
    survgraph export graphml --paths company:urumqi-haishi-xinan list:us-bis-entity-list
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from api.answers import Answers
from api.queries import entities, paths
from api.queries.steps import Query
from api.subgraphs import subgraph
from exports import GRAPH_FORMATS
from exports.subgraph import Subgraph
from graph.db import Graph
from graph.settings import get_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="export the graph in an exchange format")
    kinds = export.add_subparsers(dest="format", required=True, metavar="FORMAT")
    ftm = kinds.add_parser("ftm", help="FollowTheMoney entity JSON lines (loadable by load ftm)")
    ftm.add_argument("--entity", default=None, help="export only this entity's neighbourhood")
    ftm.add_argument("--depth", type=int, default=1, help="neighbourhood depth (default 1)")
    _output(ftm).set_defaults(handler=_ftm)
    for name in GRAPH_FORMATS:
        _graph_parser(kinds.add_parser(name, help=f"one question's subgraph as {name.upper()}"))


def _output(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("-o", "--output", type=Path, default=None, help="default: stdout")
    return p


def _graph_parser(p: argparse.ArgumentParser) -> None:
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--entity", metavar="ID", help="this entity's neighbourhood")
    what.add_argument("--subsidiaries", metavar="ID", help="this entity's subsidiaries")
    what.add_argument("--paths", nargs=2, metavar=("FROM", "TO"), help="shortest paths")
    depth = "neighbourhood: hops (default 1); subsidiaries: levels (default settings.max_depth)"
    p.add_argument("--depth", type=int, help=depth)
    rel = "neighbourhood, paths: a type to follow (repeatable; default all but MENTIONED_IN)"
    p.add_argument("--rel", action="append", help=rel)
    p.add_argument("--max-edges", type=int, default=200, help="neighbourhood (default 200)")
    p.add_argument("--listed", action="store_true", help="subsidiaries: only those listed")
    p.add_argument("--lists", help="subsidiaries: comma-separated list ids to consider")
    p.add_argument("--as-of", help="subsidiaries, paths: ISO date (default today)")
    limit = "subsidiaries: at most this many (default settings.max_page_size)"
    p.add_argument("--limit", type=int, help=limit)
    p.add_argument("--max-hops", type=int, default=4, help="paths (default 4)")
    _output(p).set_defaults(handler=_graph)


def _question(answers: Answers, args: argparse.Namespace) -> Query[object]:
    """The API's question the options name (the same defaults as its route)."""
    settings = answers.settings
    if args.entity:
        depth = args.depth or 1
        return entities.neighborhood(settings, args.entity, depth, args.rel, args.max_edges)
    if args.subsidiaries:
        limit = args.limit or settings.max_page_size
        return entities.subsidiaries(
            settings,
            args.subsidiaries,
            depth=args.depth,
            listed=args.listed,
            as_of=args.as_of,
            limit=limit,
            lists=args.lists,
        )
    source, target = args.paths
    return paths.paths(source, target, args.max_hops, args.rel, as_of=args.as_of)


def _graph(args: argparse.Namespace) -> int:
    settings = get_settings()
    with Graph(settings) as graph:
        answers = Answers(graph, settings)
        found = answers.run(subgraph(_question(answers, args)))
    _write(args.format, found, args.output)
    counts = f"{len(found.nodes)} nodes, {len(found.edges)} edges"
    print(f"{counts}: {found.description}", file=sys.stderr)
    return 0


def _write(fmt: str, found: Subgraph, output: Path | None) -> None:
    exporter = GRAPH_FORMATS[fmt]
    if output is None:
        exporter.write(found, sys.stdout)
        return
    with output.open("w", encoding="utf-8") as fh:
        exporter.write(found, fh)


def _ftm(args: argparse.Namespace) -> int:
    from exports.ftm import export_file, write_ftm

    with Graph() as graph:
        if args.output is None:
            count = write_ftm(graph, sys.stdout, args.entity, args.depth)
        else:
            count = export_file(graph, args.output, args.entity, args.depth)
    print(f"{count} FtM entities written", file=sys.stderr)
    return 0
