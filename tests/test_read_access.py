"""Reads run as reads, so a Neo4j cluster or Aura routes them to its readers.

The server itself is the judge: a write sent through the read path is refused ("read access
mode"). Every API route is then exercised with the real driver while the sessions it opens
are recorded; each must have asked for read access. A `neo4j://` routing URI (what a cluster
needs) must work as well as `bolt://`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.errors import SurvgraphError
from graph.settings import Settings
from tests.test_api_support import BIS, fresh_curated

WRITE_ROUTES = ("/screenings", "/watchlists")
HIK = "company:hikvision"
HAISHI = "company:urumqi-haishi-xinan"
SOURCE = "source:reuters-2024-12-hikvision-xinjiang"
SECTOR = "sector:video-surveillance"
REQUESTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/health", None),
    ("GET", "/search?q=Hikvision", None),
    ("POST", "/resolve", {"names": ["Hikvision", "Urumqi Haishi Xinan"]}),
    ("GET", f"/entities/{HIK}", None),
    ("GET", f"/entities/{HIK}/subsidiaries?listed=true", None),
    ("GET", f"/entities/{HAISHI}/exposure", None),
    ("GET", f"/entities/{HIK}/timeline", None),
    ("GET", f"/entities/{HIK}/neighborhood", None),
    ("GET", f"/paths?from={HAISHI}&to={BIS}", None),
    ("GET", "/lists", None),
    ("GET", f"/lists/{BIS}/entities", None),
    ("GET", "/changes?since=2020-01-01", None),
    ("GET", "/contracts", None),
    ("GET", f"/sources/{SOURCE}", None),
    ("GET", "/sectors", None),
    ("GET", f"/sectors/{SECTOR}/entities?listed=true", None),
]


@pytest.fixture(scope="module")
def curated(graph: Graph) -> Graph:
    fresh_curated(graph)
    return graph


def test_the_server_refuses_a_write_sent_as_a_read(curated: Graph) -> None:
    with pytest.raises(SurvgraphError, match="read access mode"):
        curated.read("admin/read_mode_probe")
    rows = curated.read("admin/graph_nodes")
    assert not [r for r in rows if "ReadModeProbe" in r["labels"]]


class SessionModes:
    """Wraps a driver's `session` to note the access mode each session asks for."""

    def __init__(self, driver: neo4j.Driver) -> None:
        self.modes: list[str] = []
        self._open = driver.session
        driver.session = self  # type: ignore[method-assign]

    def __call__(self, **config: Any) -> neo4j.Session:
        self.modes.append(config.get("default_access_mode", neo4j.WRITE_ACCESS))
        return self._open(**config)


def exercise(settings: Settings) -> Iterator[tuple[str, int, list[str]]]:
    """Each request's path, status and the access modes of the sessions it opened."""
    with TestClient(create_app(settings)) as client:
        spy = SessionModes(client.app.state.graph.driver)  # type: ignore[attr-defined]
        for method, path, body in REQUESTS:
            spy.modes.clear()
            status = client.request(method, path, json=body).status_code
            yield path, status, list(spy.modes)


def test_every_api_route_reads_in_read_access_mode(curated: Graph) -> None:
    app_routes = {
        (method.upper(), path)
        for path, operations in create_app(curated.settings).openapi()["paths"].items()
        for method in operations
        # screening jobs and watchlists are the service's own writes (they need an API key;
        # tests/test_screening.py and test_watchlists.py): not reads of the graph
        if not path.startswith(WRITE_ROUTES)
    }
    covered = {(m, p.split("?")[0]) for m, p, _ in REQUESTS}
    templated = {(m, _template(p, app_routes)) for m, p in covered}
    assert templated == app_routes, "every route must be exercised here"
    sessions = 0
    for path, status, modes in exercise(curated.settings):
        assert status == 200, path
        assert all(mode == neo4j.READ_ACCESS for mode in modes), (path, modes)
        sessions += len(modes)
    assert sessions >= len(REQUESTS) - 1  # the index and the answers came from the graph


def _template(path: str, routes: set[tuple[str, str]]) -> str:
    """The route template a concrete path matches (ids contain no slash)."""
    parts = path.split("/")
    for _, template in routes:
        pieces = template.split("/")
        if len(pieces) == len(parts) and all(
            t == p or t.startswith("{") for t, p in zip(pieces, parts, strict=True)
        ):
            return template
    return path


def test_a_routing_uri_works(curated: Graph) -> None:
    """`neo4j://` asks the server for a routing table first, as a cluster client does."""
    settings = curated.settings
    host_port = settings.uri.split("://", 1)[1]
    routed = Settings(
        NEO4J_URI=f"neo4j://{host_port}",
        NEO4J_USER=settings.neo4j_user,
        NEO4J_PASSWORD=settings.neo4j_password,
        NEO4J_DATABASE=settings.neo4j_database,
    )
    for path, status, modes in exercise(routed):
        assert status == 200, path
        assert all(mode == neo4j.READ_ACCESS for mode in modes), (path, modes)
