"""`survgraph dedupe`: resolve a graph's list entries against each other, as loads now do."""

from __future__ import annotations

import argparse
import json

from graph.db import Graph
from loaders.pipeline.dedupe import DedupeReport, dedupe


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser(
        "dedupe",
        help="merge the listings of one legal person an older load left on several entities",
    )
    cmd.add_argument("--dry-run", action="store_true", help="decide and print, write nothing")
    cmd.add_argument("--json", action="store_true", help="print the whole report as JSON")
    cmd.set_defaults(handler=_dedupe)


def _dedupe(args: argparse.Namespace) -> int:
    with Graph() as graph:
        report = dedupe(graph, dry_run=args.dry_run)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_text(report)
    return 0


def _print_text(report: DedupeReport) -> None:
    verb = "would merge" if report.dry_run else "merged"
    for move in report.moved:
        print(f"{verb}: {move['name']!r} ({move['list_id']}) {move['from_id']} -> {move['to_id']}")
        print(f"    {move['explanation']}")
    for doubt in report.doubts:
        print(f"review: {doubt['name']!r} stays on {doubt['entity_id']}: {doubt['explanation']}")
    print(
        f"{report.entries} entries read; {len(report.moved)} {verb}, "
        f"{len(report.doubts)} doubts left for review"
        + ("" if report.dry_run else f"; {report.written} relationships written")
    )
