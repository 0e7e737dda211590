"""Errors are problem+json; limits are enforced with 422 naming the field; hostile input is
harmless; a database outage is a 503 and the API recovers when the database returns."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from test_api_support import PROBLEM, TcpProxy, client_for, fresh_curated

from graph.db import Graph
from graph.settings import Settings

HOSTILE = [
    "') MATCH (n) DETACH DELETE n //",
    '" OR 1=1 --',
    "x'}) DETACH DELETE n RETURN 1 //",
    "company:hikvision' OR '1'='1",
    "CALL db.clearQueryCaches()",
    "$id",
    "`Entity`",
    "{id: 'company:hikvision'}",
    "海康威视'); DROP",
    "ــ\u202e\u0000\ufeff🎥",
    "a" * 5000,
]


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    fresh_curated(graph)
    yield from client_for(graph.settings)


def assert_problem(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    assert {"type", "title", "detail", "instance"} <= body.keys()
    return body


def test_unknown_entity_is_404_with_suggestions(client: TestClient) -> None:
    body = assert_problem(client.get("/entities/company:hikvisoin"), 404)
    assert body["suggestions"][0]["id"] == "company:hikvision"
    for path in ("subsidiaries", "exposure", "neighborhood"):
        assert_problem(client.get(f"/entities/company:nope-nope/{path}"), 404)
    assert_problem(client.get("/paths?from=company:nope&to=list:us-bis-entity-list"), 404)
    assert_problem(client.get("/lists/list:nope/entities"), 404)
    assert_problem(client.get("/sources/source:nope"), 404)


def test_unknown_route_is_problem_json(client: TestClient) -> None:
    assert_problem(client.get("/no/such/route"), 404)


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/entities/company:hikvision/subsidiaries?depth=99", "depth"),
        ("/entities/company:hikvision/subsidiaries?depth=0", "depth"),
        ("/entities/company:hikvision/exposure?depth=13", "depth"),
        ("/entities/company:hikvision/neighborhood?depth=4", "depth"),
        ("/entities/company:hikvision/subsidiaries?limit=100000", "limit"),
        ("/entities/company:hikvision/subsidiaries?offset=-1", "offset"),
        ("/entities/company:hikvision/subsidiaries?depth=abc", "depth"),
        ("/paths?from=company:moyu-haishi&to=list:us-bis-entity-list&max_hops=7", "max_hops"),
        ("/paths?from=company:moyu-haishi&to=list:us-bis-entity-list&rel=KNOWS", "rel"),
        ("/paths?from=company:moyu-haishi&to=list:us-bis-entity-list&rel=LISTED_ON%60%20", "rel"),
        ("/paths?from=company:moyu-haishi", "to"),
        ("/search?q=", "q"),
        ("/search?q=hik&label=Person", "label"),
        ("/lists/list:us-bis-entity-list/entities?since=yesterday", "since"),
        ("/entities/company:hikvision?as_of=2024-13-45", "as_of"),
    ],
)
def test_limits_are_422_naming_the_field(client: TestClient, url: str, field: str) -> None:
    body = assert_problem(client.get(url), 422)
    assert any(e["loc"][-1] == field for e in body["errors"]), body


def test_resolve_body_is_validated(client: TestClient) -> None:
    body = assert_problem(client.post("/resolve", json={"names": []}), 422)
    assert body["errors"][0]["loc"][:2] == ["body", "names"]
    assert_problem(client.post("/resolve", content=b"not json"), 422)


def test_hostile_input_is_harmless(client: TestClient, graph: Graph) -> None:
    before = graph.read_one("admin/graph_counts")
    for text in HOSTILE:
        seg = quote(text, safe="")
        answers = [
            client.get("/search", params={"q": text}),
            client.get(f"/entities/{seg}"),
            client.get(f"/entities/{seg}/subsidiaries", params={"list": text}),
            client.get("/entities/company:hikvision/subsidiaries", params={"list": text}),
            client.get("/paths", params={"from": text, "to": "list:us-bis-entity-list"}),
            client.get("/paths", params={"from": "company:hikvision", "to": text[:300]}),
            client.get(f"/lists/{seg}/entities"),
            client.get("/contracts", params={"company": text, "region": text, "status": text}),
            client.get(f"/sources/{seg}"),
            client.post("/resolve", json={"names": [text], "labels": ["Company"]}),
        ]
        for r in answers:
            assert r.status_code in (200, 404, 422), (text[:40], r.url, r.status_code, r.text)
            if r.status_code != 200:
                assert r.headers["content-type"].startswith(PROBLEM)
    assert graph.read_one("admin/graph_counts") == before
    assert client.get("/entities/company:hikvision").status_code == 200


def test_database_outage_is_503_and_the_api_recovers(graph: Graph) -> None:
    upstream = int(graph.settings.uri.rsplit(":", 1)[1])
    proxy = TcpProxy(upstream)
    proxy.open()
    settings = Settings(
        NEO4J_URI=f"bolt://127.0.0.1:{proxy.port}",
        NEO4J_USER=graph.settings.neo4j_user,
        NEO4J_PASSWORD=graph.settings.neo4j_password,
        SURVGRAPH_QUERY_TIMEOUT=5.0,
    )
    try:
        for client in client_for(settings):
            assert client.get("/health").status_code == 200
            assert client.get("/entities/company:hikvision/subsidiaries").status_code == 200
            proxy.close()
            body = assert_problem(client.get("/health"), 503)
            assert body["title"] == "Database unavailable"
            r = client.get("/entities/company:hikvision/subsidiaries?listed=true")
            assert_problem(r, 503)
            assert r.headers.get("retry-after")
            proxy.open()
            deadline = time.monotonic() + 30
            while True:
                r = client.get("/entities/company:hikvision/subsidiaries?listed=true")
                if r.status_code == 200 or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            assert r.status_code == 200, r.text
            assert client.get("/health").status_code == 200
    finally:
        proxy.close()
