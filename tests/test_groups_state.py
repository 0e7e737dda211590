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
from tests.conftest import shared_path, wipe

CSL = ("data", "csl", "consolidated-assembled-2026-07.csv")
EL = "list:us-bis-entity-list"
AMMS = "notice:fr-2021-12-17-amms-institutes"
CGN = "notice:fr-2019-08-14-cgn-affiliates"


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Iterator[Graph]:
    """Curated first, then the list: the list rows resolve to the curated members."""
    wipe(graph)
    assert load_curated(graph).rejected == []
    load(graph, CSL_SOURCE, shared_path(*CSL))
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
    ("notice_id", "party", "count"), [(AMMS, "company:amms", 11), (CGN, "company:cgn", 3)]
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
    """The AMMS rule's other entries (Hikmicro among them) and the party's own row stay apart."""
    rows = q(
        loaded,
        "MATCH (e:ListEntry)-[:RESOLVED_TO]->(a)-[r:AFFILIATE_OF]->() "
        "WHERE r.notice_id IN [$amms, $cgn] AND NOT e.name IN $names RETURN e.name AS name",
        amms=AMMS,
        cgn=CGN,
        names=named(AMMS) + named(CGN),
    )
    assert rows == []
    own = resolved(
        loaded, ["Academy of Military Medical Sciences", "China General Nuclear Power Group"]
    )
    assert sorted(own.values()) == ["company:amms", "company:cgn"]


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
    assert len(facts) == 28
    for rel in facts:
        assert rel.props["source_ids"] and rel.props.get("note")
        for source_id in rel.props["source_ids"]:
            assert sources[source_id].get("url") and sources[source_id].get("date"), source_id
