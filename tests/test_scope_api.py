"""Derived exposure: a list's scope rule reaching a subsidiary through a listed owner is
reported as derived (covered / not_covered / undetermined, with the reason), never as a
listing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import client_for, fresh_curated

from graph.db import Graph

HAISHI = "company:urumqi-haishi-xinan"
THIRTY = "company:test-thirty-percent"
FCC_RULE, NDAA_RULE, BIS_RULE = (
    "rule:fcc-covered-list-affiliates",
    "rule:ndaa-889-subsidiary-affiliate",
    "rule:bis-affiliates-50-percent",
)
IN_FORCE_DAY = "2025-10-15"  # the BIS affiliates rule is in force (29 Sep - 9 Nov 2025)


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    fresh_curated(graph)
    with graph.driver.session(database=graph.database) as session:
        session.run(
            "CREATE (c:Company:Entity {id: $id, name: 'Thirty Percent Test Co.', "
            "source_ids: ['source:fr-2019-10-09-84fr54002']}) "
            "WITH c MATCH (p:Entity {id: 'company:hikvision'}) "
            "CREATE (c)-[:SUBSIDIARY_OF {share: 30, fact_id: 'fact:test-thirty', "
            "source_ids: ['source:fr-2019-10-09-84fr54002']}]->(p)",
            id=THIRTY,
        ).consume()
    yield from client_for(graph.settings)


def derived(client: TestClient, entity: str, **params: str) -> dict[str, Any]:
    r = client.get(f"/entities/{entity}/exposure", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def by_rule(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["rule"]["id"]: d for d in body["derived"]}


def test_haishi_affiliate_rules_cover_with_share_not_stated(client: TestClient) -> None:
    body = derived(client, HAISHI, as_of=IN_FORCE_DAY)
    rules = by_rule(body)
    for rule in (FCC_RULE, NDAA_RULE):
        d = rules[rule]
        assert d["outcome"] == "covered"
        assert d["through"]["id"] == "company:hikvision"
        assert d["shares"] == ["more than 0% (size not stated)"]
        assert d["aggregate_share"] is None and d["contributions"] == []
        assert "subsidiary" in d["reason"] and "not a listing" in d["reason"]
        assert d["rule"]["citation"] and d["rule"]["sources"]
        assert d["rule"]["status_on_as_of"] == "in_force"
        assert d["owner_designation"]["in_force"]
        for edge in d["path"]:
            assert edge["source_ids"] and all(s["found"] for s in edge["sources"])
    bis = rules[BIS_RULE]
    assert bis["outcome"] == "undetermined"
    assert "the size of company:hikvision's stake" in bis["reason"]
    assert (bis["aggregate_share"]["min"], bis["aggregate_share"]["max"]) == (0, 100)
    assert bis["aggregate_share"]["min_exclusive"]  # a stake is more than nothing
    (stake,) = bis["contributions"]
    assert stake["owner"]["id"] == "company:hikvision" and stake["owner_state"] == "listed"
    assert stake["share"]["kind"] == "not_stated" and stake["claims"][0]["source_ids"]
    # The direct/derived split: Haishi is itself named on the Entity List, not on the FCC list.
    direct = {d["list"]["id"] for d in body["direct"]}
    assert "list:us-bis-entity-list" in direct and "list:us-fcc-covered-list" not in direct
    assert "Derived" in body["summary"]
    # derived coverage is never written as a listing
    detail = client.get(f"/entities/{HAISHI}", params={"as_of": IN_FORCE_DAY}).json()
    assert "list:us-fcc-covered-list" not in {d["list"]["id"] for d in detail["designations"]}


def test_bis_rule_suspended(client: TestClient) -> None:
    d = by_rule(derived(client, HAISHI, as_of="2026-01-01"))[BIS_RULE]
    assert d["outcome"] == "not_covered" and "suspended" in d["reason"]
    assert d["rule"]["status_on_as_of"] == "suspended"


def test_thirty_percent_is_below_the_fifty_percent_rule(client: TestClient) -> None:
    body = derived(client, THIRTY, as_of=IN_FORCE_DAY)
    assert body["direct"] == []
    rules = by_rule(body)
    d = rules[BIS_RULE]
    assert d["outcome"] == "not_covered"
    assert "30" in d["reason"] and "50" in d["reason"]
    assert (d["aggregate_share"]["min"], d["aggregate_share"]["max"]) == (30, 30)
    assert [c["share"]["words"] for c in d["contributions"]] == ["30%"]  # an older `share` reads
    assert rules[FCC_RULE]["outcome"] == "covered"


def test_derived_only_is_not_listed(client: TestClient) -> None:
    url = "/entities/company:hikvision/subsidiaries"
    listed = client.get(url, params={"listed": "true", "as_of": IN_FORCE_DAY}).json()
    assert THIRTY not in {x["entity"]["id"] for x in listed["results"]}
    everyone = client.get(url, params={"as_of": IN_FORCE_DAY}).json()
    item = next(x for x in everyone["results"] if x["entity"]["id"] == THIRTY)
    assert item["listed"] is False and item["designations"] == []
    detail = client.get(f"/entities/{THIRTY}", params={"as_of": IN_FORCE_DAY}).json()
    assert detail["listed"] is False and detail["designations"] == []


def test_lists_narrow_exposure(client: TestClient) -> None:
    body = derived(client, HAISHI, as_of=IN_FORCE_DAY, lists="list:us-fcc-covered-list")
    assert set(by_rule(body)) == {FCC_RULE}
    assert body["direct"] == [] and body["lists"] == ["list:us-fcc-covered-list"]
    assert all(
        x["designation"]["list"]["id"] == "list:us-fcc-covered-list" for x in body["results"]
    )
    r = client.get(f"/entities/{HAISHI}/exposure", params={"lists": "list:nope"})
    assert r.status_code == 404 and r.json()["errors"][0]["field"] == "lists"


def test_an_entity_with_no_designation_around_it_is_answered(client: TestClient) -> None:
    """Not a 404: the statement gathered its items in the outer query, so none meant no row."""
    body = derived(client, "place:cn-xinjiang")
    assert body["entity"]["id"] == "place:cn-xinjiang"
    assert (body["direct"], body["derived"], body["total"]) == ([], [], 0)
    assert client.get("/entities/place:nowhere/exposure").status_code == 404
