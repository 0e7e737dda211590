"""Designations with their life cycle, through the real curated loader: a withdrawn
publication never makes anyone listed on any day; a removal and a suspension end a
designation on their date and say so. And, on a fresh load of the curated data and the
bundled snapshot, CETC's control of Hikvision is walked: its listed subsidiaries include
Hikvision and the five Haishi companies, CETC's edge labelled as control.

The withdrawn, removed and suspended claims about EZVIZ, HikRaying and HikImaging are
test-only: a copy of data/ with one more relations file, loaded by the real loader."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import client_for

from graph.db import Graph
from loaders.curated import DATA_DIR, load_curated
from loaders.snapshot import load_snapshots
from tests.conftest import wipe

DOD, BIS = "list:us-dod-1260h", "list:us-bis-entity-list"
EZVIZ, HIKRAYING, HIKIMAGING = "company:ezviz", "company:hikraying", "company:hikimaging"
HAISHI = {
    "company:luopu-haishi-dingxin",
    "company:moyu-haishi",
    "company:pishan-haishi-yongan",
    "company:urumqi-haishi-xinan",
    "company:yutian-haishi-meitian",
}
TEST_ONLY = """
- type: LISTED_ON
  from: company:ezviz
  to: list:us-dod-1260h
  since: 2026-02-13
  key: test-withdrawn
  status: withdrawn
  status_date: 2026-02-13
  status_citation: "test: an agency letter requested withdrawal"
  status_source_ids: [source:militarycom-2026-02-13-1260h-withdrawn]
  source_ids: [source:washtimes-2026-02-13-1260h-withdrawn]
- type: LISTED_ON
  from: company:hikraying
  to: list:us-bis-entity-list
  since: 2020-01-06
  key: test-removed
  status: removed
  status_date: 2023-01-01
  status_source_ids: [source:fr-2023-03-30-88fr18983]
  source_ids: [source:fr-2019-10-09-84fr54002]
- type: LISTED_ON
  from: company:hikimaging
  to: list:us-dod-1260h
  since: 2021-01-06
  key: test-suspended
  status: suspended
  status_date: 2024-01-01
  status_until: 2024-06-01
  status_source_ids: [source:dod-1260h-2025-01-07]
  source_ids: [source:dod-1260h-2025-01-07]
"""


@pytest.fixture(scope="module")
def client(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data = tmp_path_factory.mktemp("curated") / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("snapshots", "downloads"))
    (data / "relations_test_life_cycle.yaml").write_text(TEST_ONLY, encoding="utf-8")
    wipe(graph)
    report = load_curated(graph, data)
    assert not report.rejected, report.rejected
    load_snapshots(graph, progress=False)
    yield from client_for(graph.settings)


def designation(client: TestClient, entity: str, lst: str, day: str) -> dict[str, Any]:
    body = client.get(f"/entities/{entity}", params={"as_of": day}).json()
    (found,) = [d for d in body["designations"] if d["list"]["id"] == lst]
    return found


@pytest.mark.parametrize("day", ["2026-02-12", "2026-02-13", "2026-03-01", "2027-01-01"])
def test_a_withdrawn_publication_makes_nobody_listed(client: TestClient, day: str) -> None:
    d = designation(client, EZVIZ, DOD, day)
    assert d["status"] == "withdrawn" and not d["in_force"]
    assert "never made the entity listed" in d["reason"]
    assert d["claims"][0]["status"] == "withdrawn" and d["claims"][0]["status_source_ids"]
    entries = client.get(f"/lists/{DOD}/entities", params={"as_of": day, "limit": 500}).json()
    assert EZVIZ not in {x["entity"]["id"] for x in entries["results"]}
    listed = client.get(
        "/entities/company:hikvision/subsidiaries",
        params={"listed": "true", "lists": DOD, "as_of": day},
    ).json()
    assert EZVIZ not in {x["entity"]["id"] for x in listed["results"]}
    search = client.get("/search", params={"q": "EZVIZ", "lists": DOD, "as_of": day}).json()
    assert EZVIZ not in {x["id"] for x in search["results"]}
    exposure = client.get(f"/entities/{EZVIZ}/exposure", params={"as_of": day}).json()
    assert exposure["direct"] == []


def test_a_withdrawn_claim_leaves_the_other_claims_to_speak(client: TestClient) -> None:
    """Huawei: the update of 13 February 2026 that named it was withdrawn; it was on the list
    before (curated from the Washington Times)."""
    d = designation(client, "company:huawei", DOD, "2026-03-01")
    assert d["status"] == "in_force"
    statuses = {c["key"]: c["status"] for c in d["claims"]}
    assert statuses["fr-2026-02-13-withdrawn"] == "withdrawn"


def test_a_removal_ends_a_designation_and_says_so(client: TestClient) -> None:
    assert designation(client, HIKRAYING, BIS, "2022-12-31")["status"] == "in_force"
    d = designation(client, HIKRAYING, BIS, "2023-01-01")
    assert d["status"] == "removed" and d["until"] == "2023-01-01" and not d["in_force"]


def test_a_suspension_ends_a_designation_until_a_source_lists_it_again(client: TestClient) -> None:
    assert designation(client, HIKIMAGING, DOD, "2023-12-31")["in_force"]
    during = designation(client, HIKIMAGING, DOD, "2024-03-01")
    assert during["status"] == "suspended" and not during["in_force"]
    after = designation(client, HIKIMAGING, DOD, "2025-01-01")
    assert after["status"] == "suspended" and "no source in the graph says" in after["reason"]


def test_cetc_control_reaches_hikvision_and_the_haishi_companies(client: TestClient) -> None:
    r = client.get("/entities/company:cetc/subsidiaries", params={"listed": "true"})
    assert r.status_code == 200, r.text
    found = {x["entity"]["id"]: x for x in r.json()["results"]}
    assert {"company:hikvision", *HAISHI} <= set(found)
    (edge,) = found["company:hikvision"]["path"]
    assert (edge["type"], edge["relation"]) == ("CONTROLLED_BY", "control")
    assert edge["ownership"] is False
    assert edge["basis"]
    for haishi in HAISHI:
        assert found[haishi]["path"][-1]["to"] == "company:cetc"
