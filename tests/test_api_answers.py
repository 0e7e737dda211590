"""The API's answers on the curated data: what data/*.yaml states, every fact cited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import (
    BIS,
    HAISHI,
    client_for,
    expected_listed_subsidiaries,
    fresh_curated,
    yaml_relations,
)

from graph.db import Graph
from graph.model import WALKED_TYPES


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    fresh_curated(graph)
    yield from client_for(graph.settings)


def source_ids_in_graph(client: TestClient, ids: list[str]) -> None:
    for sid in ids:
        r = client.get(f"/sources/{sid}")
        assert r.status_code == 200, (sid, r.text)


def assert_cited(item: dict[str, Any]) -> None:
    """A fact (edge or designation) with non-empty sources that all resolve to Source nodes."""
    assert item["source_ids"], item
    assert [s["id"] for s in item["sources"]] == list(dict.fromkeys(item["source_ids"]))
    assert all(s["found"] and s["title"] for s in item["sources"]), item["sources"]


def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["neo4j_version"].startswith("5.26")
    assert body["nodes"] > 0 and body["relationships"] > 0


@pytest.mark.parametrize("root", ["company:hikvision", "company:dahua"])
def test_listed_subsidiaries_match_the_yaml(client: TestClient, root: str) -> None:
    settings = client.app.state.settings  # type: ignore[attr-defined]
    expected = expected_listed_subsidiaries(root, settings.max_depth)
    r = client.get(f"/entities/{root}/subsidiaries", params={"listed": "true"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(expected)
    got = {
        item["entity"]["id"]: {
            c["fact_id"]
            for d in item["designations"]
            if d["in_force"]
            for c in d["claims"]
            if c["in_force"]
        }
        for item in body["results"]
    }
    assert got == expected
    for item in body["results"]:
        assert item["path"][-1]["to"] == root
        for edge in item["path"]:
            assert_cited(edge)
        for d in item["designations"]:
            assert_cited(d)


def test_hikvision_listed_subsidiaries_are_the_five_haishi(client: TestClient) -> None:
    # A readable cross-check of the YAML-derived test above, for the seed story.
    body = client.get(
        "/entities/company:hikvision/subsidiaries", params={"listed": "true", "list": BIS}
    ).json()
    ids = {item["entity"]["id"] for item in body["results"]}
    assert set(HAISHI) <= ids
    for item in body["results"]:
        citations = {d["citation"] for d in item["designations"] if d["list"]["id"] == BIS}
        assert any(c and "FR" in c for c in citations), item["designations"]


def test_all_subsidiaries_include_unlisted(client: TestClient) -> None:
    everyone = client.get("/entities/company:hikvision/subsidiaries").json()
    listed = client.get("/entities/company:hikvision/subsidiaries?listed=true").json()
    assert everyone["total"] >= listed["total"]
    yaml_children = {
        r["from"]
        for r in yaml_relations()
        if r["type"] in WALKED_TYPES and r["to"] == "company:hikvision"
    }
    assert {i["entity"]["id"] for i in everyone["results"] if i["depth"] == 1} == yaml_children


def test_pagination_envelope(client: TestClient) -> None:
    full = client.get("/entities/company:hikvision/subsidiaries").json()
    page = client.get("/entities/company:hikvision/subsidiaries?limit=2&offset=1").json()
    assert (page["limit"], page["offset"], page["total"]) == (2, 1, full["total"])
    assert page["results"] == full["results"][1:3]


@pytest.mark.parametrize("company", HAISHI)
def test_path_from_each_haishi_to_the_entity_list(client: TestClient, company: str) -> None:
    r = client.get("/paths", params={"from": company, "to": BIS, "max_hops": 6})
    assert r.status_code == 200, r.text
    body = r.json()
    recorded = [rel for rel in yaml_relations() if rel["from"] == company and rel["to"] == BIS]
    if not body["results"]:
        # The honest answer: no path is recorded, and the message says so.
        assert not recorded
        assert "no path" in body["message"]
        return
    for path in body["results"]:
        assert path["nodes"][0]["id"] == company and path["nodes"][-1]["id"] == BIS
        assert path["length"] == len(path["edges"]) <= 6
        for edge in path["edges"]:
            assert_cited(edge)
    source_ids_in_graph(
        client, [s for p in body["results"] for e in p["edges"] for s in e["source_ids"]]
    )


def test_paths_rel_filter_and_honest_none(client: TestClient) -> None:
    r = client.get(
        "/paths", params={"from": HAISHI[0], "to": BIS, "rel": "SUBSIDIARY_OF", "max_hops": 6}
    )
    assert r.status_code == 200
    body = r.json()
    assert body["results"] == [] and body["total"] == 0
    assert "no path" in body["message"] and body["rels"] == ["SUBSIDIARY_OF"]


def test_exposure_of_a_subsidiary_shows_its_parents_designations(client: TestClient) -> None:
    parent = client.get("/entities/company:hikvision").json()
    parent_facts = {c["fact_id"] for d in parent["designations"] for c in d["claims"]}
    assert parent_facts
    r = client.get(f"/entities/{HAISHI[1]}/exposure")
    assert r.status_code == 200, r.text
    body = r.json()
    inherited = [x for x in body["results"] if x["relation"] == "parent"]
    assert {
        c["fact_id"]
        for x in inherited
        if x["holder"]["id"] == "company:hikvision"
        for c in x["designation"]["claims"]
    } == parent_facts
    for x in inherited:
        assert x["path"] and x["path"][0]["from"] == HAISHI[1]
        assert x["path"][-1]["to"] == x["holder"]["id"]
        for edge in x["path"]:
            assert_cited(edge)
        assert_cited(x["designation"])
    assert any(x["relation"] == "self" for x in body["results"])


def test_exposure_of_a_parent_shows_subsidiaries(client: TestClient) -> None:
    body = client.get("/entities/company:hikvision/exposure?limit=500").json()
    holders = {x["holder"]["id"] for x in body["results"] if x["relation"] == "subsidiary"}
    assert set(HAISHI) <= holders


def test_entity_detail(client: TestClient) -> None:
    r = client.get("/entities/company:hikvision")
    assert r.status_code == 200
    body = r.json()
    assert body["name"] and "Hikvision" in body["aliases"]
    assert body["labels"] == ["Company"]
    assert body["subsidiaries"]["direct"] >= 5
    bis = [d for d in body["designations"] if d["list"]["id"] == BIS]
    assert any(d["citation"] == "84 FR 54002" and d["since"] == "2019-10-09" for d in bis)
    for d in body["designations"]:
        assert_cited(d)
    assert body["sources"] and all(s["found"] for s in body["sources"])


def test_lists_and_list_entities(client: TestClient) -> None:
    lists = client.get("/lists").json()
    ids = {x["id"] for x in lists["results"]}
    assert {BIS, "list:us-fcc-covered-list", "list:us-ndaa-889"} <= ids
    r = client.get(f"/lists/{BIS}/entities", params={"since": "2023-01-01", "until": "2023-12-31"})
    assert r.status_code == 200
    body = r.json()
    assert {x["entity"]["id"] for x in body["results"]} >= set(HAISHI)
    assert all("2023-01-01" <= x["designation"]["since"] <= "2023-12-31" for x in body["results"])


def test_contracts_region_includes_sub_places(client: TestClient) -> None:
    xinjiang = client.get("/contracts", params={"region": "place:cn-xinjiang"}).json()
    china = client.get("/contracts", params={"region": "place:cn"}).json()
    assert xinjiang["total"] >= 1 and china["total"] >= xinjiang["total"]
    for c in xinjiang["results"]:
        for link in c["parties"] + c["performed_in"] + c["awarded_by"]:
            assert_cited(link["edge"])


def test_source_shows_what_it_supports(client: TestClient) -> None:
    r = client.get("/sources/source:fr-2019-10-09-84fr54002")
    assert r.status_code == 200
    body = r.json()
    assert body["source"]["citation"] == "84 FR 54002"
    assert any(e["type"] == "LISTED_ON" and e["from"] == "company:hikvision" for e in body["edges"])


def test_search_and_resolve(client: TestClient) -> None:
    r = client.get("/search", params={"q": "hikvison", "limit": 3})
    assert r.status_code == 200
    assert r.json()["results"][0]["id"] == "company:hikvision"
    r = client.get("/search", params={"q": "海康威视", "label": "Company"})
    assert r.json()["results"][0]["id"] == "company:hikvision"
    r = client.post(
        "/resolve", json={"names": ["Hikvision", "Pishan Haishi Electronic Technology"]}
    )
    assert r.status_code == 200
    decisions = r.json()["results"]
    assert (
        decisions[0]["decision"] == "match" and decisions[0]["entity"]["id"] == "company:hikvision"
    )
    assert decisions[1]["decision"] != "match"  # a missing trade name is never merged


def test_neighborhood(client: TestClient) -> None:
    body = client.get("/entities/company:hikvision/neighborhood?depth=1").json()
    assert body["edges"] and all("company:hikvision" in (e["from"], e["to"]) for e in body["edges"])
    ids = {n["id"] for n in body["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in body["edges"])


def test_csv(client: TestClient) -> None:
    r = client.get("/entities/company:hikvision/subsidiaries?listed=true&format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    header, *rows = r.text.strip().splitlines()
    assert header.startswith("entity.id,entity.name")
    assert (
        len(rows)
        == client.get("/entities/company:hikvision/subsidiaries?listed=true").json()["total"]
    )
    r = client.get("/lists", headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
