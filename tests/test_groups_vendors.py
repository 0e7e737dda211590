"""The surveillance and AI-vision vendor groups (data/relations_groups_vendors.yaml) on the real
lists: each listed row joins the curated company its names belong to (one entity, not two),
the group's listed members answer under its parent at a date, a path joins a listed
subsidiary to its listed parent, and the shares are the sources' words read as intervals.

The module loads, once: the curated data, the real CSL file's Entity List, MEU and NS-CMIC
rows (the SDN rows are left out to keep it quick) and the DoD 1260H tranche CSV.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_path
from fastapi.testclient import TestClient
from test_api_support import client_for, fresh_curated

from graph.db import Graph
from loaders.curated import read_curated
from loaders.pipeline import load
from loaders.plumbing.report import Rejection
from loaders.sources import CSL, DOD_1260H, ListRecord
from loaders.sources.csl import iter_csl

EL = "list:us-bis-entity-list"
NSCMIC = "list:us-ofac-ns-cmic"
DOD = "list:us-dod-1260h"
CSL_LISTS = ("Entity List", "Military End User", "Chinese Military-Industrial")
GROUP_FILE = "relations_groups_vendors.yaml"


def _csl_subset(path: Path) -> Iterator[ListRecord | Rejection]:
    for item in iter_csl(path):
        if isinstance(item, ListRecord) and any(s in item.list_label for s in CSL_LISTS):
            yield item


@dataclass
class Loaded:
    graph: Graph
    client: TestClient


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Iterator[Loaded]:
    fresh_curated(graph)
    csl = shared_path("data", "csl", "consolidated-assembled-2026-07.csv")
    dod = shared_path("data", "opensanctions_us_lists", "dod_1260h_chinese_military_companies.csv")
    load(graph, replace(CSL, records=_csl_subset), csl, progress=False)
    load(graph, DOD_1260H, dod, progress=False)
    for client in client_for(graph.settings):
        yield Loaded(graph, client)


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


def holders(graph: Graph, list_id: str, name: str) -> set[str]:
    """The entities a list's row of this name (as listed) resolved to."""
    rows = q(
        graph,
        "MATCH (e:Entity)-[l:LISTED_ON]->(:List {id: $list}) WHERE l.name_as_listed = $name "
        "RETURN DISTINCT e.id AS id",
        list=list_id,
        name=name,
    )
    return {r["id"] for r in rows}


@pytest.mark.parametrize(
    ("list_id", "name", "company"),
    [
        (EL, "NetPosa", "netposa"),
        (NSCMIC, "NetPosa Technologies, Ltd.", "netposa"),
        (DOD, "NetPosa Technologies, Ltd.", "netposa"),
        (EL, "SenseNets", "sensenets"),
        (EL, "FiberHome Technologies Group", "fiberhome"),
        (EL, "Nanjing FiberHome Starrysky Communication Development Co.", "fiberhome-starrysky"),
        (EL, "DJI", "dji"),
        (NSCMIC, "SZ DJI Technology Co., Ltd.", "dji"),
        (DOD, "Shenzhen DJI Innovation Technology Co., Ltd.", "dji"),
        (EL, "Xiamen Meiya Pico Information Co. Ltd.", "meiya-pico"),
        (DOD, "SDIC Intelligence (Xiamen) Information Co., Ltd.", "meiya-pico"),
        (EL, "Shenzhen Daotong Intelligent Aviation Technology Co., Ltd.", "autel-robotics"),
        (DOD, "Autel Robotics Co., Ltd.", "autel-robotics"),
        (DOD, "Autel Intelligent Technology Corp., Ltd.", "autel-intelligent"),
        (NSCMIC, "China United Network Communications Group Company Limited", "china-unicom-group"),
        (DOD, "China United Network Communications Group Co., Ltd.", "china-unicom-group"),
        (NSCMIC, "China Unicom (Hong Kong) Limited", "china-unicom-hk"),
        (EL, "Cloudminds Inc.", "cloudminds"),
        (EL, "Suzhou Keda Technology Co., Ltd.", "keda"),  # six rows, one per country
        (EL, "CloudWalk Technology", "cloudwalk"),
        (NSCMIC, "Cloudwalk Technology Co., Ltd.", "cloudwalk"),
        (NSCMIC, "Yitu Limited", "yitu-limited"),
        (NSCMIC, "Megvii Technology Limited", "megvii"),
    ],
)  # fmt: skip
def test_a_listed_row_joins_the_curated_company(
    loaded: Loaded, list_id: str, name: str, company: str
) -> None:
    assert holders(loaded.graph, list_id, name) == {f"company:{company}"}


def listed_members(client: TestClient, parent: str, day: str) -> dict[str, dict[str, Any]]:
    body = client.get(
        f"/entities/{parent}/subsidiaries",
        params={"listed": "true", "as_of": day, "limit": 500},
    ).json()
    return {item["entity"]["id"]: item for item in body["results"]}


@pytest.mark.parametrize(
    ("parent", "member", "day"),
    [
        ("company:netposa", "company:sensenets", "2021-01-01"),
        ("company:fiberhome", "company:fiberhome-starrysky", "2021-01-01"),
        ("company:china-unicom-group", "company:china-unicom-hk", "2025-06-30"),
    ],
)
def test_listed_members_answer_under_the_parent_at_a_date(
    loaded: Loaded, parent: str, member: str, day: str
) -> None:
    got = listed_members(loaded.client, parent, day)
    assert member in got
    edge = got[member]["path"][0]
    assert edge["source_ids"] and edge["sources"][0]["found"]


def test_a_member_is_not_listed_before_its_listing(loaded: Loaded) -> None:
    # SenseNets joined the Entity List on 5 June 2020 (85 FR 34505).
    assert "company:sensenets" not in listed_members(loaded.client, "company:netposa", "2019-12-31")


def test_the_renamed_meiya_pico_carries_the_subsidiaries_the_1260h_list_groups_under_it(
    loaded: Loaded,
) -> None:
    """The 1260H list groups two companies under 'SDIC Intelligence (Xiamen) Information Co.,
    Ltd.', Meiya Pico's new name (The Record, 2025): they are Meiya Pico's, which SDIC controls."""
    got = listed_members(loaded.client, "company:meiya-pico", "2025-06-30")
    names = {item["entity"]["name"] for item in got.values()}
    assert "Xiamen Meiya Zhongmin Electronic Technology Co., Ltd." in names
    sdic = listed_members(loaded.client, "company:sdic", "2025-06-30")
    assert "company:meiya-pico" in sdic
    assert sdic["company:meiya-pico"]["path"][0]["type"] == "CONTROLLED_BY"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("company:sensenets", "company:netposa"),
        ("company:fiberhome-starrysky", "company:fiberhome"),
        ("company:norsat", "company:hytera"),
    ],
)
def test_a_path_joins_a_subsidiary_to_its_parent(loaded: Loaded, start: str, end: str) -> None:
    body = loaded.client.get(
        "/paths", params={"from": start, "to": end, "as_of": "2024-12-31", "max_hops": 3}
    ).json()
    assert body["total"] >= 1
    edges = body["results"][0]["edges"]
    assert all(e["source_ids"] for e in edges)


def edge(graph: Graph, start: str, end: str) -> list[dict[str, Any]]:
    return q(
        graph,
        "MATCH (:Entity {id: $a})-[r]->(:Entity {id: $b}) RETURN type(r) AS type, "
        "r.share_min AS min, r.share_max AS max, r.share_kind AS kind, r.share_text AS text",
        a=start,
        b=end,
    )


@pytest.mark.parametrize(
    ("start", "end", "text", "low", "high"),
    [
        ("company:norsat", "company:hytera-project-corp", "100%", 100, 100),
        ("company:project-shortway", "company:hytera", "wholly-owned", 100, 100),
        ("company:china-unicom-hk", "company:china-unicom-a-share", "53.78%", 53.78, 53.78),
        ("company:china-unicom-americas", "company:china-unicom-hk", "100%", 100, 100),
        ("company:sensetime-group", "person:tang-xiaoou", "21%", 21, 21),
        ("company:hasselblad", "company:dji", "majority", 50, 100),
        ("company:keda", "person:chen-donggen", "35.3229%", 35.3229, 35.3229),
        ("company:megvii", "company:ant-group", "15.08%", 15.08, 15.08),
        ("company:cloudminds", "company:softbank-vision-fund", "nearly 30 percent", 29, 30),
    ],
)
def test_shares_are_the_sources_words_read_as_intervals(
    loaded: Loaded, start: str, end: str, text: str, low: float, high: float
) -> None:
    rows = [r for r in edge(loaded.graph, start, end) if r["text"] == text]
    assert rows and rows[0]["min"] == low and rows[0]["max"] == high


def test_cloudwalk_is_controlled_by_its_chairman_through_its_controlling_holder(
    loaded: Loaded,
) -> None:
    assert [r["type"] for r in edge(loaded.graph, "company:cloudwalk", "person:zhou-xi")] == [
        "CONTROLLED_BY"
    ]
    held = edge(loaded.graph, "company:cloudwalk", "company:changzhou-yuncong")
    assert [(r["type"], r["kind"]) for r in held] == [("OWNED_BY", "descriptive")]


def test_megvii_and_yitu_answer_with_their_controllers(loaded: Loaded) -> None:
    assert edge(loaded.graph, "company:megvii", "person:yin-qi")[0]["type"] == "CONTROLLED_BY"
    for person in ("person:zhu-long", "person:lin-chenxi"):
        assert edge(loaded.graph, "company:yitu-limited", person)[0]["type"] == "CONTROLLED_BY"


def test_autel_robotics_has_no_parent_in_the_listed_autel(loaded: Loaded) -> None:
    """The listed Autel Intelligent Technology says it holds no shares in Autel Robotics and
    has no management tie to it (财联社, 2025): the names do not make one a parent."""
    assert edge(loaded.graph, "company:autel-robotics", "company:autel-intelligent") == []
    assert edge(loaded.graph, "company:autel-intelligent", "company:autel-robotics") == []


def test_every_vendor_group_fact_cites_a_dated_public_source() -> None:
    data = read_curated()
    sources = {s.id: s.props for s in data.sources}
    groups = [r for r in data.relations if r.where.startswith(GROUP_FILE)]
    assert len({r.end for r in groups}) >= 10
    for rel in groups:
        assert rel.props["source_ids"], rel.where
        for source_id in rel.props["source_ids"]:
            assert sources[source_id].get("url") and sources[source_id].get("date"), source_id
