"""Sectors and brands on the curated data: GET /sectors and /sectors/{id}/entities answer which
vendors a source puts in a sector, which are listed (since when, under which notice) and which
members of their groups are; a brand name found by /search leads to its maker's designations;
an entity's answer lists its brands; the CLI prints the same."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import client_for, fresh_curated

from cli.main import main
from graph.db import Graph
from loaders.snapshot import load_snapshots

DAY = "2024-06-30"


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    fresh_curated(graph)
    yield from client_for(graph.settings)


def get(client: TestClient, url: str, **params: Any) -> dict[str, Any]:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_sectors_count_their_vendors_and_cite_them(client: TestClient) -> None:
    body = get(client, "/sectors", as_of=DAY)
    by_id = {x["sector"]["id"]: x for x in body["results"]}
    video = by_id["sector:video-surveillance"]
    # Hikvision, Dahua, Hytera listed; Kedacom too, whose Entity List rows come with the CSL load
    assert video["vendors"] == 4 and video["listed"] == 3
    assert body["sources"] and all(s["found"] for s in body["sources"])


def test_listed_surveillance_vendors_with_since_notice_and_listed_members(
    client: TestClient,
) -> None:
    body = get(client, "/sectors/sector:video-surveillance/entities", listed="true", as_of=DAY)
    vendors = {v["entity"]["id"]: v for v in body["results"]}
    assert set(vendors) == {"company:hikvision", "company:dahua", "company:hytera"}
    hik = vendors["company:hikvision"]
    el = [d for d in hik["designations"] if d["list"]["id"] == "list:us-bis-entity-list"]
    assert any(d["since"] == "2019-10-09" and d["citation"] == "84 FR 54002" for d in el)
    members = {m["entity"]["id"] for m in hik["members"]}
    assert {m for m in members if "haishi" in m} and all(m["designations"] for m in hik["members"])
    assert all(c["source_ids"] for c in hik["claims"])


def test_a_vendor_listed_only_through_a_member_is_kept(client: TestClient) -> None:
    body = get(client, "/sectors/sector:facial-recognition/entities", listed="true", as_of=DAY)
    vendors = {v["entity"]["id"]: v for v in body["results"]}
    group = vendors["company:sensetime-group"]  # the Beijing subsidiary is on the Entity List
    assert [m["entity"]["id"] for m in group["members"]] == ["company:sensetime"]
    assert "company:cloudwalk" not in vendors  # no designation in the curated data alone
    everyone = get(client, "/sectors/sector:facial-recognition/entities", as_of=DAY)
    assert "company:cloudwalk" in {v["entity"]["id"] for v in everyone["results"]}


def test_an_unknown_sector_is_404(client: TestClient) -> None:
    assert client.get("/sectors/sector:nothing/entities").status_code == 404


def test_a_brand_leads_to_its_makers_designations(client: TestClient) -> None:
    body = get(client, "/search", q="Lorex")
    assert body["results"][0]["id"] == "company:dahua"
    assert body["results"][0]["alias"] == "Lorex (brand)"
    brand = body["brands"][0]
    assert brand["brand"]["id"] == "brand:lorex" and brand["source_ids"]
    lists = {d["list"]["id"] for g in brand["group"] for d in g["designations"]}
    assert "list:us-bis-entity-list" in lists


def test_ezviz_leads_to_hikvision_through_the_brand(client: TestClient) -> None:
    body = get(client, "/search", q="EZVIZ")
    brand = body["brands"][0]
    assert brand["owner"]["id"] == "company:ezviz"
    listed = {g["entity"]["id"] for g in brand["group"] if g["designations"]}
    assert "company:hikvision" in listed


@pytest.mark.parametrize(
    ("query", "brand", "maker"),
    [
        ("HiLook", "brand:hilook", "company:hikvision"),
        ("hiwatch", "brand:hiwatch", "company:hikvision"),
        ("IMOU", "brand:imou", "company:dahua"),
    ],
)
def test_a_sub_brand_leads_to_its_listed_maker(
    client: TestClient, query: str, brand: str, maker: str
) -> None:
    body = get(client, "/search", q=query)
    assert body["results"][0]["id"] == maker
    found = body["brands"][0]
    assert found["brand"]["id"] == brand and found["owner"]["id"] == maker
    assert found["quote"] and found["source_ids"]
    lists = {d["list"]["id"] for g in found["group"] for d in g["designations"]}
    assert "list:us-bis-entity-list" in lists


def test_each_brand_cites_an_open_source_with_its_licence(client: TestClient) -> None:
    """The sub-brands come from a CC0 dataset: each cited file is a found Source with its
    URL, date and licence."""
    for brand in ("brand:hilook", "brand:hiwatch", "brand:imou"):
        body = get(client, "/search", q=brand.split(":")[1])
        ids = body["brands"][0]["source_ids"]
        for sid in ids:
            source = get(client, f"/sources/{sid}")["source"]
            assert source["url"].startswith("https://github.com/ch-bas/cctv-camera-database/")
            assert source["date"] and source["licence"] == "CC0 1.0", sid


def test_an_entity_lists_its_brands(client: TestClient) -> None:
    body = get(client, "/entities/company:dahua")
    assert [b["entity"]["id"] for b in body["brands"]] == ["brand:imou", "brand:lorex"]
    assert all(b["edge"]["type"] == "BRAND_OF" for b in body["brands"])
    hik = get(client, "/entities/company:hikvision")
    assert {b["entity"]["id"] for b in hik["brands"]} == {"brand:hilook", "brand:hiwatch"}


def test_the_cli_mirrors_the_sector_answer(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sectors", "sector:video-surveillance", "--listed", "--as-of", DAY]) == 0
    out = capsys.readouterr().out
    assert "company:hikvision" in out and "84 FR 54002" in out
    assert main(["sectors"]) == 0
    assert "sector:facial-recognition" in capsys.readouterr().out


# -- the first run: what `make run` serves (the curated data, then the bundled snapshots) -------


@pytest.fixture(scope="module")
def first_run(graph: Graph) -> Iterator[TestClient]:
    """Last in this module: it replaces the curated-only graph the tests above read."""
    fresh_curated(graph)
    load_snapshots(graph, progress=False)
    yield from client_for(graph.settings)


def test_the_first_run_answers_the_sector_and_the_brands(first_run: TestClient) -> None:
    body = get(first_run, "/sectors/sector:video-surveillance/entities", listed="true")
    vendors = {v["entity"]["id"]: v for v in body["results"]}
    assert {"company:hikvision", "company:dahua", "company:hytera"} <= set(vendors)
    assert all(v["designations"] or v["members"] for v in vendors.values())
    for query, maker in [
        ("EZVIZ", "company:hikvision"),
        ("HiLook", "company:hikvision"),
        ("HiWatch", "company:hikvision"),
        ("Imou", "company:dahua"),
        ("Lorex", "company:dahua"),
    ]:
        brand = get(first_run, "/search", q=query)["brands"][0]
        listed = {g["entity"]["id"] for g in brand["group"] if g["designations"]}
        assert maker in listed, query
