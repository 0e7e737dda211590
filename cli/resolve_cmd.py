"""`survgraph resolve NAME...` / `--file PATH|-`: resolve names against the graph in Neo4j.

The `--json` shape is a contract scripts depend on: one object per input line with exactly
`input, decision, entity, score, alias, candidates` (`--explain` adds `explanation`). The
human form prints the decision with its explanation: matched alias, score, runner-up.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from graph.db import Graph
from loaders.resolution import GraphResolver

JSON_KEYS = ("input", "decision", "entity", "score", "alias", "candidates")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "resolve", help="resolve company names to graph entities (match, review or none)"
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="names to resolve")
    parser.add_argument(
        "--file", metavar="PATH", help="read one name per line from PATH ('-' for stdin)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per input line")
    parser.add_argument(
        "--explain", action="store_true", help="with --json, add the decision's explanation"
    )
    parser.add_argument(
        "--label",
        action="append",
        choices=["Company", "Person", "GovernmentBody", "Place", "List", "Contract"],
        help="only consider entities with this label (repeatable)",
    )
    parser.set_defaults(handler=_resolve)


def _inputs(args: argparse.Namespace) -> Iterator[str]:
    yield from args.names
    if args.file:
        handle = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
        try:
            for line in handle:
                name = line.rstrip("\r\n")
                if name.strip():
                    yield name
        finally:
            if handle is not sys.stdin:
                handle.close()


def _resolve(args: argparse.Namespace) -> int:
    names = list(_inputs(args))
    if not names:
        print("survgraph resolve: give NAME arguments or --file PATH|-", file=sys.stderr)
        return 2
    with Graph() as graph:
        resolver = GraphResolver(graph)
        for name in names:
            decision = resolver.resolve(name, labels=args.label)
            if args.json:
                data = decision.to_json()
                keys = (*JSON_KEYS, "explanation") if args.explain else JSON_KEYS
                print(json.dumps({k: data[k] for k in keys}, ensure_ascii=False))
            else:
                target = (
                    f"{decision.entity.id} ({decision.entity.name})" if decision.entity else "-"
                )
                print(f"{decision.decision:<6} {decision.score:.3f}  {name!r} -> {target}")
                print(f"       {decision.explanation}")
    return 0
