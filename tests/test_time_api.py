"""Answers as of a day: designations and ownership count only when in force that day; vague
claims never make a listing; the timeline orders cited events by date."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import BIS, HAISHI, client_for, fresh_curated

from graph.db import Graph

BEFORE, AFTER = "2022-12-31", "2023-12-31"


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    fresh_curated(graph)
    yield from client_for(graph.settings)


def bis(body: dict[str, Any]) -> dict[str, Any] | None:
    return next((d for d in body["designations"] if d["list"]["id"] == BIS), None)


@pytest.mark.parametrize("company", HAISHI)
def test_haishi_not_listed_before_2023_and_listed_after(client: TestClient, company: str) -> None:
    before = client.get(f"/entities/{company}", params={"as_of": BEFORE}).json()
    d = bis(before)
    assert d is not None and d["in_force"] is False and d["status"] == "not_yet"
    assert not any(c["in_force"] for c in d["claims"])
    after = client.get(f"/entities/{company}", params={"as_of": AFTER}).json()
    d = bis(after)
    assert d is not None and d["in_force"] is True and after["listed"] is True
    # several sources, one designation: every claim kept with its own sources and precision
    assert len(d["claims"]) >= 2 and len({c["fact_id"] for c in d["claims"]}) == len(d["claims"])
    assert any(c["since_precision"] == "day" and c["citation"] for c in d["claims"])
    assert d["vague_claims"] and all(
        c["vague"] == (c["since_precision"] in ("year", "month")) for c in d["claims"]
    )
    for c in d["claims"]:
        assert c["source_ids"] and all(s["found"] for s in c["sources"])


def test_subsidiaries_listed_as_of(client: TestClient) -> None:
    url = "/entities/company:hikvision/subsidiaries"
    before = client.get(url, params={"listed": "true", "as_of": BEFORE}).json()
    assert before["as_of"] == BEFORE
    assert not set(HAISHI) & {x["entity"]["id"] for x in before["results"]}
    after = client.get(url, params={"listed": "true", "as_of": AFTER}).json()
    assert set(HAISHI) <= {x["entity"]["id"] for x in after["results"]}
    for x in after["results"]:
        assert x["listed"] and any(d["in_force"] for d in x["designations"])


def test_a_vague_claim_alone_never_reads_as_listed(client: TestClient) -> None:
    # Reuters says "last year" (2023, precision year); the Federal Register dates it 2023-03-30.
    body = client.get(f"/entities/{HAISHI[0]}", params={"as_of": "2023-02-01"}).json()
    d = bis(body)
    assert d is not None and d["status"] == "possibly_in_force" and d["in_force"] is False
    assert "imprecisely" in d["reason"] and body["listed"] is False
    subs = client.get(
        "/entities/company:hikvision/subsidiaries",
        params={"listed": "true", "as_of": "2023-02-01", "lists": BIS},
    ).json()
    assert HAISHI[0] not in {x["entity"]["id"] for x in subs["results"]}


def test_lists_and_list_entities_as_of(client: TestClient) -> None:
    before = client.get(f"/lists/{BIS}/entities", params={"as_of": BEFORE}).json()
    ids_before = {x["entity"]["id"] for x in before["results"]}
    assert not set(HAISHI) & ids_before and "company:hikvision" in ids_before
    everyone = client.get(
        f"/lists/{BIS}/entities", params={"as_of": BEFORE, "include_ended": "true"}
    ).json()
    assert set(HAISHI) <= {x["entity"]["id"] for x in everyone["results"]}
    after = client.get(f"/lists/{BIS}/entities", params={"as_of": AFTER}).json()
    assert set(HAISHI) <= {x["entity"]["id"] for x in after["results"]}
    counts = {x["id"]: x for x in client.get("/lists", params={"as_of": BEFORE}).json()["results"]}
    later = {x["id"]: x for x in client.get("/lists", params={"as_of": AFTER}).json()["results"]}
    assert later[BIS]["in_force"] - counts[BIS]["in_force"] >= len(HAISHI)


def test_paths_as_of(client: TestClient) -> None:
    params = {"from": HAISHI[1], "to": BIS, "rel": "LISTED_ON", "max_hops": 1}
    assert client.get("/paths", params={**params, "as_of": BEFORE}).json()["total"] == 0
    after = client.get("/paths", params={**params, "as_of": AFTER}).json()
    assert after["total"] >= 1 and after["as_of"] == AFTER


def test_timeline_contracts_predate_the_entity_list(client: TestClient) -> None:
    xinjiang = client.get(
        "/contracts",
        params={"company": "company:hikvision", "subsidiaries": "true",
                "region": "place:cn-xinjiang"},
    ).json()  # fmt: skip
    contracts = {c["id"] for c in xinjiang["results"]}
    assert contracts
    body = client.get("/entities/company:hikvision/timeline", params={"limit": 500}).json()
    assert body["total"] == len(body["results"])
    events = body["results"]
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    listed = [
        e["date"]
        for e in events
        if e["kind"] == "designation_added"
        and e["subject"]["id"] == BIS
        and e["precision"] == "day"
    ]
    assert listed and listed[0].startswith("2019-10")
    started = [
        e
        for e in events
        if e["kind"].endswith("contract_started") and e["subject"]["id"] in contracts
    ]
    assert started
    assert all(e["date"] < listed[0] for e in started)
    assert {e["date"][:4] for e in started} == {"2017"}
    for e in events:
        assert e["source_ids"] and all(s["found"] for s in e["sources"]), e
    cut = client.get(
        "/entities/company:hikvision/timeline", params={"as_of": "2018-12-31", "limit": 500}
    ).json()
    assert cut["results"] and all(e["date"] <= "2018-12-31" for e in cut["results"])
    assert not any(e["subject"]["id"] == BIS for e in cut["results"])
    csv = client.get("/entities/company:hikvision/timeline", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("kind,date,precision")


@pytest.mark.parametrize(
    "path",
    [
        "/entities/company:hikvision",
        "/entities/company:hikvision/subsidiaries",
        "/entities/company:hikvision/exposure",
        "/entities/company:hikvision/timeline",
        f"/lists/{BIS}/entities",
        "/paths",
    ],
)
def test_bad_as_of_is_422_naming_the_field(client: TestClient, path: str) -> None:
    extra = {"from": "company:hikvision", "to": BIS} if path == "/paths" else {}
    r = client.get(path, params={**extra, "as_of": "2023-13-45"})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in r.json()["errors"]] == ["as_of"]


def test_unknown_entity_timeline_is_404(client: TestClient) -> None:
    assert client.get("/entities/company:nope-nope/timeline").status_code == 404
