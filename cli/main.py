"""The `survgraph` command: one entry point, one module per group of subcommands.

Each module in `cli/` exposes `register(subparsers)`; its handlers receive the parsed args and
return an exit code. Errors from the graph layer are printed as one clear line, not a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from graph.errors import SurvgraphError

Handler = Callable[[argparse.Namespace], int]


def _modules() -> list[ModuleType]:
    from cli import db_cmd

    modules: list[ModuleType] = [db_cmd]
    for name in (
        "load_cmd",
        "resolve_cmd",
        "review_cmd",
        "query_cmd",
        "serve_cmd",
        "export_cmd",
        "update_cmd",
        "dedupe_cmd",
    ):
        try:
            modules.append(__import__(f"cli.{name}", fromlist=["register"]))
        except ModuleNotFoundError as exc:
            if exc.name != f"cli.{name}":
                raise
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="survgraph",
        description="A cited knowledge graph of surveillance vendors and their designations.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    # The driver logs each retry and dead connection as a warning; the command reports the
    # outcome itself, as one line, so those would only bury it.
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    try:
        return handler(args)
    except SurvgraphError as exc:  # ServerError included: one error root
        print("survgraph: " + " ".join(str(exc).split()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
