"""Who owns how much, through the real loaders and the API on the real server: OFAC FAQ 401's
worked examples and the aggregation across owners as FtM graphs, interval outcomes, control
without a share, a cycle, rules' dated versions on the curated data, and /subsidiaries
?reached_by. The FtM parties carry our own export's ids (`company.faq1-x`), so they are
restored by id and no name resolution stands between the structure and the answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import client_for

from graph.db import Graph
from loaders.curated import load_curated
from loaders.ftm import load_ftm
from loaders.plumbing.report import LoadReport
from tests.conftest import wipe
from tests.test_ftm_fixtures import entity

OFAC = "rule:ofac-50-percent"
BIS = "rule:bis-affiliates-50-percent"
DAY = "2025-10-15"  # both 50 % rules in force
SDN = "list:us-ofac-sdn"


def company(key: str) -> dict[str, Any]:
    return entity("Company", f"company.{key}", name=f"Ownership test {key.replace('-', ' ')}")


def owns(owner: str, asset: str, percentage: str | None = None, role: str = "") -> dict[str, Any]:
    props: dict[str, Any] = {"owner": f"company.{owner}", "asset": f"company.{asset}"}
    if percentage is not None:
        props["percentage"] = percentage
    if role:
        props["role"] = role
    return entity("Ownership", f"own-{asset}-{owner}", **props)


def blocked(key: str) -> dict[str, Any]:
    return entity(
        "Sanction",
        f"sdn-{key}",
        entity=f"company.{key}",
        programId=SDN,
        program="SDN List",
        listingDate="2020-01-06",
    )


STRUCTURES: list[tuple[str, str, str | None, str]] = [
    # FAQ 401 example 1: X 50 % A, A 50 % B
    ("faq1-x", "faq1-a", "50", ""),
    ("faq1-a", "faq1-b", "50", ""),
    # example 2: X 50 % A and B; A and B 25 % C each
    ("faq2-x", "faq2-a", "50", ""),
    ("faq2-x", "faq2-b", "50", ""),
    ("faq2-a", "faq2-c", "25", ""),
    ("faq2-b", "faq2-c", "25", ""),
    # example 3: X 50 % A and 10 % B; A 40 % B
    ("faq3-x", "faq3-a", "50", ""),
    ("faq3-x", "faq3-b", "10", ""),
    ("faq3-a", "faq3-b", "40", ""),
    # "indirectly" means through entities 50 % owned: 40 % passes nothing on
    ("neg-x", "neg-a", "40", ""),
    ("neg-a", "neg-b", "100", ""),
    # FAQ 399: two blocked persons' 25 % each
    ("agg-x", "agg-a", "25%", ""),
    ("agg-y", "agg-a", "25%", ""),
    # intervals in FtM's real forms
    ("int-x", "int-over", ">50", ""),
    ("int-x", "int-range", "25-50", ""),
    ("int-x", "int-under", "less than 25%", ""),
    ("int-x", "int-unstated", None, ""),
    ("int-x", "int-words", "the family's holding", ""),
    ("int-x", "int-impossible", "150%", ""),
    # control without a share, and with one
    ("ctl-x", "ctl-a", None, "CONTROLLED_BY"),
    ("ctl-x", "ctl-b", "60", "CONTROLLED_BY"),
    # a cycle of cross-holdings under a covered entity
    ("cyc-x", "cyc-p", "50", ""),
    ("cyc-p", "cyc-q", "60", ""),
    ("cyc-q", "cyc-p", "60", ""),
]
BLOCKED = ("faq1-x", "faq2-x", "faq3-x", "neg-x", "agg-x", "agg-y", "int-x", "ctl-x", "cyc-x")


@pytest.fixture(scope="module")
def loaded(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, LoadReport]:
    wipe(graph)
    assert not load_curated(graph).rejected
    names = {k for row in STRUCTURES for k in row[:2]}
    rows = [company(k) for k in sorted(names)]
    rows += [owns(o, a, p, r) for o, a, p, r in STRUCTURES]
    rows += [blocked(k) for k in BLOCKED]
    path = tmp_path_factory.mktemp("ownership") / "structures.ftm.json"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return graph, load_ftm(graph, path)


@pytest.fixture(scope="module")
def client(loaded: tuple[Graph, LoadReport]) -> Iterator[TestClient]:
    yield from client_for(loaded[0].settings)


def rule_of(client: TestClient, entity: str, rule: str = OFAC, day: str = DAY) -> dict[str, Any]:
    r = client.get(f"/entities/company:{entity}/exposure", params={"as_of": day})
    assert r.status_code == 200, r.text
    found = [d for d in r.json()["derived"] if d["rule"]["id"] == rule]
    assert len(found) == 1, r.json()["derived"]
    return found[0]


def span(d: dict[str, Any]) -> tuple[float, float]:
    return d["aggregate_share"]["min"], d["aggregate_share"]["max"]


def test_the_load_reads_shares_and_rejects_an_impossible_one(
    loaded: tuple[Graph, LoadReport],
) -> None:
    report = loaded[1]
    assert report.extra["shares"]["unreadable"] == 1
    assert report.extra["shares"]["not_stated"] == 2
    assert report.extra["shares"]["bound"] == 2 and report.extra["shares"]["range"] == 1
    (rejected,) = [r for r in report.rejected if "150%" in r.reason]
    assert "outside 0-100" in rejected.reason and "own-int-impossible-int-x" in rejected.reason


def test_faq401_example_1(client: TestClient) -> None:
    b = rule_of(client, "faq1-b")
    assert b["outcome"] == "covered" and span(b) == (50, 50)
    assert b["through"]["id"] == "company:faq1-x" and len(b["path"]) == 2
    (c,) = b["contributions"]
    assert c["owner"]["id"] == "company:faq1-a" and c["owner_state"] == "covered"
    assert [e["to"] for e in c["path"]] == ["company:faq1-a", "company:faq1-x"]
    assert all(e["source_ids"] for e in c["claims"])
    assert "not a listing" in b["reason"]


def test_faq401_example_2(client: TestClient) -> None:
    c = rule_of(client, "faq2-c")
    assert c["outcome"] == "covered" and span(c) == (50, 50)
    assert {x["owner"]["id"] for x in c["contributions"]} == {"company:faq2-a", "company:faq2-b"}


def test_faq401_example_3(client: TestClient) -> None:
    b = rule_of(client, "faq3-b")
    assert b["outcome"] == "covered" and span(b) == (50, 50)
    states = {x["owner"]["id"]: x["owner_state"] for x in b["contributions"]}
    assert states == {"company:faq3-x": "listed", "company:faq3-a": "covered"}


def test_under_half_passes_nothing_on(client: TestClient) -> None:
    assert rule_of(client, "neg-a")["outcome"] == "not_covered"
    b = rule_of(client, "neg-b")
    assert b["outcome"] == "not_covered" and span(b) == (0, 0)
    assert b["contributions"][0]["owner_state"] == "not_covered"


def test_blocked_persons_stakes_aggregate(client: TestClient) -> None:
    a = rule_of(client, "agg-a")
    assert a["outcome"] == "covered" and span(a) == (50, 50)


@pytest.mark.parametrize(
    ("entity", "outcome"),
    [
        ("int-over", "covered"),
        ("int-range", "undetermined"),
        ("int-under", "not_covered"),
        ("int-unstated", "undetermined"),
        ("int-words", "undetermined"),
    ],
)
def test_interval_outcomes(client: TestClient, entity: str, outcome: str) -> None:
    d = rule_of(client, entity)
    assert d["outcome"] == outcome, d["reason"]
    if outcome == "undetermined":
        assert "company:int-x" in d["reason"]


def test_the_words_are_kept(client: TestClient) -> None:
    (c,) = rule_of(client, "int-words")["contributions"]
    assert c["share"]["text"] == "the family's holding" and c["share"]["kind"] == "unreadable"
    (c,) = rule_of(client, "int-over")["contributions"]
    assert c["share"]["text"] == ">50" and c["share"]["min_exclusive"]


def test_control_without_a_share_adds_nothing(client: TestClient) -> None:
    a = rule_of(client, "ctl-a")
    assert a["outcome"] == "not_covered" and span(a) == (0, 0)
    assert "FAQ 398" in a["reason"]
    (c,) = a["contributions"]
    assert c["relation"] == "control" and c["claims"][0]["relation"] == "control"
    assert rule_of(client, "ctl-b")["outcome"] == "covered"  # a stated share counts


def test_control_is_walked_and_labelled(client: TestClient) -> None:
    body = client.get("/entities/company:ctl-x/subsidiaries", params={"as_of": DAY}).json()
    edges = {x["entity"]["id"]: x["path"][0] for x in body["results"]}
    assert edges["company:ctl-a"]["type"] == "CONTROLLED_BY"
    assert (
        edges["company:ctl-a"]["relation"] == "control" and not edges["company:ctl-a"]["ownership"]
    )
    paths = client.get(
        "/paths", params={"from": "company:ctl-a", "to": SDN, "as_of": DAY, "max_hops": 3}
    ).json()
    assert paths["total"] >= 1
    assert paths["results"][0]["edges"][0]["relation"] == "control"


def test_a_cycle_terminates(client: TestClient) -> None:
    assert rule_of(client, "cyc-p")["outcome"] == "covered"
    q = rule_of(client, "cyc-q")
    assert q["outcome"] == "covered" and [x["owner"]["id"] for x in q["contributions"]] == [
        "company:cyc-p"
    ]


def test_reached_by_lists_what_the_rule_reaches_under_a_root(client: TestClient) -> None:
    r = client.get(
        "/entities/company:faq2-x/subsidiaries", params={"reached_by": OFAC, "as_of": DAY}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    got = {x["entity"]["id"]: x["derived"]["outcome"] for x in body["results"]}
    assert got == {
        "company:faq2-a": "covered",
        "company:faq2-b": "covered",
        "company:faq2-c": "covered",
    }
    assert body["reached_by"] == OFAC and body["total"] == 3
    c = next(x for x in body["results"] if x["entity"]["id"] == "company:faq2-c")
    assert c["depth"] == 2 and c["path"][-1]["to"] == "company:faq2-x"
    assert c["listed"] is False  # derived is never a listing
    ints = client.get(
        "/entities/company:int-x/subsidiaries", params={"reached_by": OFAC, "as_of": DAY}
    ).json()
    outcomes = {x["entity"]["id"]: x["derived"]["outcome"] for x in ints["results"]}
    assert outcomes == {
        "company:int-over": "covered",
        "company:int-range": "undetermined",
        "company:int-unstated": "undetermined",
        "company:int-words": "undetermined",
    }


def test_reached_by_refuses_what_it_cannot_answer(client: TestClient) -> None:
    url = "/entities/company:faq2-x/subsidiaries"
    r = client.get(url, params={"reached_by": "rule:nope"})
    assert r.status_code == 404 and r.json()["errors"][0]["field"] == "reached_by"
    r = client.get(url, params={"reached_by": OFAC, "listed": "true"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "reached_by"


def test_rule_versions_decide_the_day_on_curated_data(client: TestClient) -> None:
    """Hikrobot: 60 % held by Hikvision (on the Entity List since 2019) per its prospectus."""
    expected = {
        "2025-10-15": ("covered", "in_force"),
        "2026-01-15": ("not_covered", "suspended"),
        "2026-12-04": ("undetermined", "not_recorded"),
    }
    for day, (outcome, status) in expected.items():
        d = rule_of(client, "hikrobot", BIS, day)
        assert (d["outcome"], d["rule"]["status_on_as_of"]) == (outcome, status), day
        assert d["rule_version"]["status"] == status
        assert span(d) == (60, 60)
    later = rule_of(client, "hikrobot", BIS, "2026-12-04")
    assert "no source in the graph says whether they were reimposed" in later["reason"]
    earlier = rule_of(client, "hikrobot", BIS, "2025-06-01")
    assert earlier["outcome"] == "not_covered" and "applies from 2025-09-29" in earlier["reason"]
