"""`survgraph db start|stop|status|migrate|wipe`: the local server and the schema."""

from __future__ import annotations

import argparse
import time

from graph import server
from graph.settings import get_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="run the local Neo4j server, apply the schema")
    actions = db.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("start", help="start Neo4j in the background, wait for Bolt").set_defaults(
        handler=_start
    )
    actions.add_parser("stop", help="stop the local Neo4j cleanly").set_defaults(handler=_stop)
    actions.add_parser("status", help="is it running, and where").set_defaults(handler=_status)
    actions.add_parser(
        "migrate", help="apply cypher/schema.cypher (constraints, indexes); harmless twice"
    ).set_defaults(handler=_migrate)


def _start(args: argparse.Namespace) -> int:
    settings = get_settings()
    before = server.status(settings)
    began = time.monotonic()
    result = server.start(settings)
    if before.running:
        print("already running: " + result.message)
    else:
        print(f"{result.message} (ready in {time.monotonic() - began:.1f} s)")
    return 0


def _stop(args: argparse.Namespace) -> int:
    print(server.stop(get_settings()))
    return 0


def _status(args: argparse.Namespace) -> int:
    current = server.status(get_settings())
    print(current.message)
    return 0 if current.running else 3


def _migrate(args: argparse.Namespace) -> int:
    from graph.db import Graph
    from graph.schema import apply_schema

    with Graph() as graph:
        count = apply_schema(graph)
    print(f"schema applied: {count} statements")
    return 0
