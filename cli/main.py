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

from cli import (
    db_cmd,
    dedupe_cmd,
    export_cmd,
    load_cmd,
    query_cmd,
    resolve_cmd,
    review_cmd,
    screen_cmd,
    serve_cmd,
    update_cmd,
)
from graph.errors import SurvgraphError

Handler = Callable[[argparse.Namespace], int]


# Every group of subcommands, registered explicitly: a module missing is an ImportError at
# start, never a command that silently disappears.
MODULES: tuple[ModuleType, ...] = (
    db_cmd,
    load_cmd,
    resolve_cmd,
    review_cmd,
    query_cmd,
    screen_cmd,
    serve_cmd,
    export_cmd,
    update_cmd,
    dedupe_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="survgraph",
        description="A cited knowledge graph of surveillance vendors and their designations.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in MODULES:
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
