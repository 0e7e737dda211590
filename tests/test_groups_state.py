"""The state groups (data/relations_groups_state.yaml and the AMMS and CGN notice statements)
on the real CSL file: list rows join the curated members, each notice statement links exactly
the entries it names, a group's listed members can be asked at a date, and a listed institute
reaches its group."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.db import Graph
from loaders.curated import load_curated, read_curated
from loaders.pipeline import load
from loaders.sources import CSL as CSL_SOURCE
from loaders.sources import DOD_1260H
from tests.conftest import shared_path, wipe

CSL = ("data", "csl", "consolidated-assembled-2026-07.csv")
DOD = ("data", "opensanctions_us_lists", "dod_1260h_chinese_military_companies.csv")
EL = "list:us-bis-entity-list"
AMMS = "notice:fr-2021-12-17-amms-institutes"
CGN = "notice:fr-2019-08-14-cgn-affiliates"
XUAR = "notice:fr-2019-10-09-xuar-psb-subordinates"


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Iterator[Graph]:
    """Curated first, then the lists (the issue's measure order): the list rows resolve to the
    curated members."""
    wipe(graph)
    assert load_curated(graph).rejected == []
    load(graph, CSL_SOURCE, shared_path(*CSL))
    load(graph, DOD_1260H, shared_path(*DOD), progress=False)
    yield graph


def resolved(graph: Graph, names: list[str]) -> dict[str, str]:
    """The entity each Entity List row of these names resolved to."""
    rows = q(
        graph,
        "MATCH (e:ListEntry)-[:ON_LIST]->(:List {id: $el}) WHERE e.name IN $names "
        "MATCH (e)-[:RESOLVED_TO]->(a:Entity) RETURN e.name AS name, a.id AS id",
        el=EL,
        names=names,
    )
    return {r["name"]: r["id"] for r in rows}


def named(notice_id: str) -> list[str]:
    notice = next(n for n in read_curated().notices if n.id == notice_id)
    return list(notice.props["entries_named"])


@pytest.mark.parametrize(
    ("notice_id", "party", "count"),
    [(AMMS, "company:amms", 11), (CGN, "company:cgn", 3), (XUAR, "gov:cn-xuar-psb", 19)],
)
def test_a_notice_statement_links_exactly_its_named_entries(
    loaded: Graph, notice_id: str, party: str, count: int
) -> None:
    entities = resolved(loaded, named(notice_id))
    assert len(entities) == count and party not in entities.values()  # none merged into the party
    rows = q(
        loaded,
        "MATCH (a)-[r:AFFILIATE_OF {notice_id: $n}]->(p) RETURN a.id AS a, p.id AS p, "
        "r.basis AS basis, r.source_ids AS sources",
        n=notice_id,
    )
    assert {r["a"] for r in rows} == set(entities.values())
    assert {r["p"] for r in rows} == {party}
    assert all(r["basis"] and len(r["sources"]) >= 2 for r in rows)


def test_the_party_and_its_rule_mates_are_not_linked(loaded: Graph) -> None:
    """The rules' other entries (Hikvision, Hikmicro, ...) and the parties' own rows stay apart."""
    rows = q(
        loaded,
        "MATCH (e:ListEntry)-[:RESOLVED_TO]->(a)-[r:AFFILIATE_OF]->() "
        "WHERE r.notice_id IN $notices AND NOT e.name IN $names RETURN e.name AS name",
        notices=[AMMS, CGN, XUAR],
        names=named(AMMS) + named(CGN) + named(XUAR),
    )
    assert rows == []
    own = resolved(
        loaded,
        [
            "Academy of Military Medical Sciences",
            "China General Nuclear Power Group",
            "Xinjiang Uyghur Autonomous Region (XUAR) People's Government Public Security Bureau",
        ],
    )
    assert sorted(own.values()) == ["company:amms", "company:cgn", "gov:cn-xuar-psb"]
    hikvision = resolved(loaded, ["Hangzhou Hikvision Digital Technology Co., Ltd."])
    linked = q(
        loaded,
        "MATCH (:Entity {id: $id})-[r:AFFILIATE_OF {notice_id: $n}]->() RETURN count(r) AS n",
        id=hikvision["Hangzhou Hikvision Digital Technology Co., Ltd."],
        n=XUAR,
    )
    assert linked == [{"n": 0}]  # same page, not one of the bureau's subordinates


def test_the_csic_institutes_listed_at_a_date(loaded: Graph) -> None:
    text = (
        "MATCH (m:Entity)-[:SUBSIDIARY_OF]->(:Entity {id: 'company:csic'}) "
        "MATCH (m)-[l:LISTED_ON]->(:List {id: $el}) WITH m, min(l.since) AS since "
        "WHERE since <= $day RETURN m.id AS id ORDER BY id"  # ISO strings
    )
    before = q(loaded, text, el=EL, day="2020-12-01")
    after = q(loaded, text, el=EL, day="2021-01-01")
    assert [r["id"] for r in before] == ["company:csic-722-institute"]  # listed 27 August 2020
    assert len(after) == 23  # the others on 22 December 2020


def test_list_rows_join_the_curated_members_without_splits(loaded: Graph) -> None:
    members = q(
        loaded,
        "MATCH (m:Company)-[:SUBSIDIARY_OF]->(p) WHERE p.id IN ['company:csic', 'company:cccc'] "
        "RETURN m.id AS id, m.name AS name",
    )
    assert len(members) == 28
    joined = resolved(loaded, [m["name"] for m in members])
    assert joined == {m["name"]: m["id"] for m in members}
    same_name = q(
        loaded,
        "MATCH (a:Entity) WHERE a.name IN $names RETURN a.name AS name, count(*) AS n",
        names=[m["name"] for m in members],
    )
    assert all(r["n"] == 1 for r in same_name)


@pytest.mark.parametrize(
    ("entry", "group"),
    [
        (
            "China State Shipbuilding Corporation, Limited (CSSC) 719th Research Institute",
            "company:csic",
        ),
        ("China Communications Construction Company Tianjin Waterway Bureau", "company:cccc"),
        ("Academy of Military Medical Sciences, Institute of Bioengineering", "company:amms"),
    ],
)
def test_a_listed_institute_reaches_its_group(loaded: Graph, entry: str, group: str) -> None:
    rows = q(
        loaded,
        "MATCH (e:ListEntry {name: $entry})-[:RESOLVED_TO]->(a:Entity) "
        "MATCH p = shortestPath((a)-[:SUBSIDIARY_OF|AFFILIATE_OF*..3]->(:Entity {id: $group})) "
        "RETURN length(p) AS hops, "
        "all(r IN relationships(p) WHERE size(r.source_ids) > 0) AS cited",
        entry=entry,
        group=group,
    )
    assert rows == [{"hops": 1, "cited": True}]


def test_every_state_group_fact_cites_a_dated_public_source() -> None:
    data = read_curated()
    sources = {s.id: s.props for s in data.sources}
    facts = [r for r in data.relations if r.where.startswith("relations_groups_state.yaml")]
    assert len(facts) == 69
    for rel in facts:
        assert rel.props["source_ids"] and rel.props.get("note")
        for source_id in rel.props["source_ids"]:
            assert sources[source_id].get("url") and sources[source_id].get("date"), source_id


def test_casic_children_reach_casic_not_its_listed_academy(loaded: Graph) -> None:
    """The 1260H lists name CASIC as Aerosun's parent: that parent is CASIC itself, and the
    listed Second Academy is CASIC's, not the group (their names are close)."""
    rows = q(
        loaded,
        "MATCH (e:ListEntry)-[:RESOLVED_TO]->(a:Entity) WHERE e.name IN $names "
        "OPTIONAL MATCH (a)-[:SUBSIDIARY_OF]->(p:Entity) "
        "RETURN DISTINCT e.name AS name, a.id AS id, p.id AS parent ORDER BY name",
        names=[
            "Aerosun Corporation",
            "China Aerospace Science and Industry Corporation Limited",
            "China Aerospace Science and Industry Corporation Second Academy",
        ],
    )
    assert rows == [
        {"name": "Aerosun Corporation", "id": rows[0]["id"], "parent": "company:casic"},
        {
            "name": "China Aerospace Science and Industry Corporation Limited",
            "id": "company:casic",
            "parent": None,
        },
        {
            "name": "China Aerospace Science and Industry Corporation Second Academy",
            "id": "company:casic-second-academy",
            "parent": "company:casic",
        },
    ]
