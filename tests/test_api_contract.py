"""The OpenAPI contract and what the API enforces agree: bounds give 422 (never 500), a 405
names the allowed methods, and the document declares the formats, enums and maxima."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import BIS, PROBLEM, client_for, fresh_curated

from api.params import MAX_OFFSET
from graph.db import Graph


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    fresh_curated(graph)
    yield from client_for(graph.settings)


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    body: dict[str, Any] = client.get("/openapi.json").json()
    return body


def parameter(document: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    params = document["paths"][path]["get"]["parameters"]
    found: dict[str, Any] = next(p["schema"] for p in params if p["name"] == name)
    return found


def branch(schema: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of an optional parameter's schema."""
    found: dict[str, Any] = next(
        (b for b in schema.get("anyOf", []) if b.get("type") != "null"), schema
    )
    return found


@pytest.mark.parametrize("path", ["/lists", f"/lists/{BIS}/entities", "/contracts"])
def test_a_huge_offset_is_422_not_500(client: TestClient, path: str) -> None:
    r = client.get(path, params={"offset": 10**22})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    assert [e["field"] for e in r.json()["errors"]] == ["offset"]
    assert client.get(path, params={"offset": MAX_OFFSET}).status_code == 200


def test_405_names_the_allowed_methods(client: TestClient) -> None:
    r = client.delete("/health")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET"
    assert r.headers["content-type"].startswith(PROBLEM)
    assert client.put("/resolve").headers["allow"] == "POST"


def test_openapi_declares_date_formats(document: dict[str, Any]) -> None:
    for path, ops in document["paths"].items():
        for param in ops.get("get", {}).get("parameters", []):
            if param["name"] in ("as_of", "since", "until"):
                assert branch(param["schema"]).get("format") == "date", (path, param)
    assert branch(parameter(document, "/lists", "as_of")) == {"type": "string", "format": "date"}


def test_openapi_declares_the_enforced_bounds(client: TestClient, document: dict[str, Any]) -> None:
    page = client.app.state.settings.max_page_size  # type: ignore[attr-defined]
    assert parameter(document, "/lists", "limit")["maximum"] == page
    assert parameter(document, "/lists", "offset")["maximum"] == MAX_OFFSET
    assert (
        branch(parameter(document, "/entities/{entity_id}/subsidiaries", "depth"))["maximum"]
        == client.app.state.settings.max_depth
    )  # type: ignore[attr-defined]
    assert "x-survgraph-maximum" not in str(document)
    assert branch(parameter(document, "/search", "label"))["enum"] == [
        "Company", "GovernmentBody", "Place", "List", "Contract",
    ]  # fmt: skip
    rel = branch(parameter(document, "/paths", "rel"))["items"]["pattern"]
    assert "LISTED_ON" in rel
    assert client.get("/lists", params={"limit": page + 1}).status_code == 422


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/lists", {"as_of": ""}),
        ("/lists", {"as_of": "20240101"}),
        ("/changes", {"since": ""}),
        ("/search", {"q": "hik", "label": ""}),
        ("/paths", {"from": "company:hikvision", "to": BIS, "rel": ""}),
        ("/lists", {"format": "xml"}),
    ],
)
def test_empty_or_undeclared_values_are_422(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM)


def test_a_path_from_an_entity_to_itself_has_length_0(client: TestClient) -> None:
    r = client.get("/paths", params={"from": "company:hikvision", "to": "company:hikvision"})
    assert r.status_code == 200, r.text
    assert [p["length"] for p in r.json()["results"]] == [0]
    same = {"from": "company:nope", "to": "company:nope"}
    assert client.get("/paths", params=same).status_code == 404


def test_comma_separated_values_still_work(client: TestClient) -> None:
    params = {"since": "2000-01-01", "kind": "ended,modified", "until": "9999-12-31"}
    assert client.get("/changes", params=params).status_code == 200
    path = {"from": "company:urumqi-haishi-xinan", "to": BIS, "rel": "SUBSIDIARY_OF,LISTED_ON"}
    assert client.get("/paths", params=path).status_code == 200
