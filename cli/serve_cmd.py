"""`survgraph serve [--host] [--port] [--workers]`: the API under uvicorn."""

from __future__ import annotations

import argparse

from graph.settings import get_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    settings = get_settings()
    serve = sub.add_parser(
        "serve", help="serve the REST API (uvicorn); writes need SURVGRAPH_API_KEYS"
    )
    serve.add_argument("--host", default=settings.api_host, help="default: %(default)s")
    serve.add_argument("--port", type=int, default=settings.api_port, help="default: %(default)s")
    serve.add_argument(
        "--workers", type=int, default=1, help="processes (each builds its own search index)"
    )
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=args.log_level == "debug",
    )
    return 0
