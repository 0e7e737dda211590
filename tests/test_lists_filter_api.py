"""`lists=`: search, resolution, subsidiaries and exposure narrowed to chosen lists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from test_api_support import client_for, fresh_curated

from graph.db import Graph

BIS, FCC = "list:us-bis-entity-list", "list:us-fcc-covered-list"
HAISHI = "company:moyu-haishi"


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    fresh_curated(graph)
    yield from client_for(graph.settings)


def on_list(client: TestClient, entity: str, list_id: str, day: str | None = None) -> bool:
    params = {"as_of": day} if day else {}
    body = client.get(f"/entities/{entity}", params=params).json()
    return any(d["in_force"] and d["list"]["id"] == list_id for d in body["designations"])


def test_search_only_entities_on_the_lists(client: TestClient) -> None:
    everyone = client.get("/search", params={"q": "Hikvision", "limit": 20}).json()
    narrowed = client.get("/search", params={"q": "Hikvision", "limit": 20, "lists": FCC}).json()
    assert narrowed["lists"] == [FCC]
    assert narrowed["results"] and len(narrowed["results"]) < len(everyone["results"])
    for hit in narrowed["results"]:
        assert on_list(client, hit["id"], FCC)
    haishi = client.get("/search", params={"q": "Moyu Haishi", "lists": BIS}).json()
    assert haishi["results"][0]["id"] == HAISHI
    before = client.get(
        "/search", params={"q": "Moyu Haishi", "lists": BIS, "as_of": "2022-12-31"}
    ).json()
    assert HAISHI not in {h["id"] for h in before["results"]}
    r = client.get("/search", params={"q": "Hikvision", "lists": f"{BIS},list:nope"})
    assert r.status_code == 404 and r.json()["errors"][0]["field"] == "lists"


def test_resolve_only_among_the_lists(client: TestClient) -> None:
    r = client.post("/resolve", json={"names": ["Hikvision", "Moyu Haishi"], "lists": [BIS]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["lists"] == [BIS]
    assert [d["entity"]["id"] for d in body["results"]] == ["company:hikvision", HAISHI]
    assert all(d["decision"] == "match" for d in body["results"])
    # Moyu Haishi is not on the FCC list: no decision may pick it there
    fcc = client.post("/resolve", json={"names": ["Moyu Haishi"], "lists": [FCC]}).json()
    decision = fcc["results"][0]
    assert decision["decision"] != "match" or decision["entity"]["id"] != HAISHI
    assert all(c["id"] != HAISHI for c in decision["candidates"])
    r = client.post("/resolve", json={"names": ["Hikvision"], "lists": ["list:nope"]})
    assert r.status_code == 404 and r.json()["errors"][0]["loc"] == ["body", "lists"]


def test_subsidiaries_lists(client: TestClient) -> None:
    url = "/entities/company:hikvision/subsidiaries"
    bis = client.get(url, params={"listed": "true", "lists": BIS}).json()
    assert HAISHI in {x["entity"]["id"] for x in bis["results"]}
    for x in bis["results"]:
        assert {d["list"]["id"] for d in x["designations"]} == {BIS}
    fcc = client.get(url, params={"listed": "true", "lists": FCC}).json()
    assert HAISHI not in {x["entity"]["id"] for x in fcc["results"]}
    r = client.get(url, params={"lists": "list:nope"})
    assert r.status_code == 404 and r.json()["errors"][0]["field"] == "lists"


def test_exposure_lists(client: TestClient) -> None:
    body = client.get(f"/entities/{HAISHI}/exposure", params={"lists": BIS}).json()
    assert {d["list"]["id"] for d in body["direct"]} == {BIS}
    assert {d["list"]["id"] for d in body["derived"]} <= {BIS}
    assert all(x["designation"]["list"]["id"] == BIS for x in body["results"])
