"""Shared fixtures: one real Neo4j for the whole run, a clean graph per test module.

Tests never mock the driver. They need the server that `survgraph db start` runs (or the one
NEO4J_URI names); if it is not reachable the run stops with a clear message instead of
reporting hundreds of connection errors.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.db import Graph
from graph.errors import DatabaseUnavailable
from graph.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """Data beside the project (read-only, never copied into it)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared test data not found at {path}")
    return path


@pytest.fixture(scope="session")
def graph() -> Iterator[Graph]:
    g = Graph(get_settings())
    deadline = time.monotonic() + 60
    while True:
        try:
            g.ping()
            break
        except DatabaseUnavailable as exc:
            if time.monotonic() > deadline:
                pytest.exit(
                    f"Neo4j is not reachable at {g.settings.uri}: run `survgraph db start` ({exc})",
                    returncode=3,
                )
            time.sleep(1)
    yield g
    g.close()


def wipe(graph: Graph) -> None:
    graph.run_script("admin/wipe")


# The watchlist the Browser guide's exposure-paths slide names (`api.routers.browser`'s
# INVESTIGATIONS value; POST /watchlists would mint its id): Hikrobot and Dahua.
EXAMPLE_WATCHLIST = "wl-example"
EXAMPLE_WATCHED = ["company:hikrobot", "company:dahua"]


def create_example_watchlist(graph: Graph) -> None:
    """The guide's example watchlist, so its slide answers on the curated graph."""
    watchlist = {"id": EXAMPLE_WATCHLIST, "owner": "guide", "name": "guide"}
    graph.record(
        "watchlist/create",
        watchlist={**watchlist, "created_at": "2026-07-01", "members": EXAMPLE_WATCHED},
    )


@pytest.fixture(scope="module")
def empty_graph(graph: Graph) -> Graph:
    """A module that writes starts from an empty graph (schema kept)."""
    wipe(graph)
    return graph
