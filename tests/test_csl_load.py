"""The 20k-row assembled CSL file loaded on top of the curated data, on the real Neo4j."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from graph.db import Graph
from loaders.curated import load_curated
from loaders.pipeline import load
from loaders.plumbing.report import LoadReport
from loaders.resolution import GraphResolver
from loaders.sources import CSL as CSL_SOURCE
from tests.conftest import shared_path, wipe

CSL = ("data", "csl", "consolidated-assembled-2026-07.csv")
EL = "list:us-bis-entity-list"


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


def counts(graph: Graph) -> dict[str, int]:
    row = q(
        graph,
        "CALL () { MATCH (n:Entity) RETURN count(n) AS entities } "
        "CALL () { MATCH (n:ListEntry) RETURN count(n) AS entries } "
        "CALL () { MATCH (n:ReviewItem) RETURN count(n) AS reviews } "
        "CALL () { MATCH (n:Change) RETURN count(n) AS changes } "
        "CALL () { MATCH (n:Source) RETURN count(n) AS sources } "
        "CALL () { MATCH ()-[r]->() WHERE NOT r:READ RETURN count(r) AS rels } "
        "RETURN *",
    )[0]
    return {k: int(v) for k, v in row.items()}


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Iterator[tuple[Graph, LoadReport, dict[str, int]]]:
    path = shared_path(*CSL)
    wipe(graph)
    load_curated(graph)
    report = load(graph, CSL_SOURCE, path)
    yield graph, report, counts(graph)


def listed(graph: Graph, entity_id: str) -> list[dict[str, Any]]:
    return q(
        graph,
        "MATCH (a:Entity {id: $id})-[r:LISTED_ON {origin: 'csl'}]->(l:List) "
        "RETURN l.id AS list, r.citation AS citation, r.since AS since, r.entry_id AS entry, "
        "r.source_ids AS source_ids, r.name_as_listed AS name ORDER BY list",
        id=entity_id,
    )


def test_report(loaded: tuple[Graph, LoadReport, dict[str, int]]) -> None:
    _, report, _ = loaded
    assert report.rows_read == 20383
    assert report.rejected == []
    assert report.extra["entries"] == 20131  # the Entity List repeats entities per country
    assert report.extra["changes"] == {"added": 20131, "modified": 0, "ended": 0}
    assert report.entities_created > 15000
    assert report.sent_to_review > 0
    assert report.extra["unknown_sources"] == []


def test_vendors_land_on_curated_nodes(loaded: tuple[Graph, LoadReport, dict[str, int]]) -> None:
    graph, report, _ = loaded
    expected = {
        "company:hikvision": "84 FR 54004",
        "company:dahua": "84 FR 54004",
        "company:hikmicro": "86 FR 71559",
        "company:luopu-haishi-dingxin": "88 FR 18985",
        "company:moyu-haishi": "88 FR 18985",
        "company:pishan-haishi-yongan": "88 FR 18985",
        "company:urumqi-haishi-xinan": "88 FR 18985",
        "company:yutian-haishi-meitian": "88 FR 18985",
    }
    entries = set()
    for entity_id, citation in expected.items():
        facts = [f for f in listed(graph, entity_id) if f["list"] == EL]
        assert len(facts) == 1, (entity_id, facts)
        assert citation in facts[0]["citation"]
        assert facts[0]["source_ids"] == [report.extra["snapshot_source_id"]]
        entries.add(facts[0]["entry"])
    assert len(entries) == 8  # five Haishi rows, five distinct nodes, never merged
    hik_lists = {f["list"] for f in listed(graph, "company:hikvision")}
    assert hik_lists == {EL, "list:us-ofac-ns-cmic"}
    dahua = next(f for f in listed(graph, "company:dahua") if f["list"] == EL)
    assert dahua["name"] == "Dahua Technology" and dahua["since"] == "2019-10-09"


def test_resolution_is_recorded(loaded: tuple[Graph, LoadReport, dict[str, int]]) -> None:
    graph, _, _ = loaded
    rows = q(
        graph,
        "MATCH (e:ListEntry)-[t:RESOLVED_TO]->(:Entity {id: 'company:hikvision'}) "
        "MATCH (e)-[o:ON_LIST]->(l:List) RETURN l.id AS list, t.decision AS decision, "
        "t.score AS score, o.origin AS origin",
    )
    assert {r["list"] for r in rows} == {EL, "list:us-ofac-ns-cmic"}
    assert all(r["decision"] == "match" and r["score"] >= 0.88 for r in rows)
    bad = q(
        graph,
        "MATCH ()-[r]->() WHERE (r:LISTED_ON OR r:ON_LIST OR r:RESOLVED_TO) "
        "AND r.origin = 'csl' AND (r.source_ids IS NULL OR size(r.source_ids) = 0) "
        "RETURN count(r) AS n",
    )
    assert bad[0]["n"] == 0


def test_review_items(loaded: tuple[Graph, LoadReport, dict[str, int]]) -> None:
    graph, report, _ = loaded
    rows = q(
        graph,
        "MATCH (ri:ReviewItem {kind: 'csl_entry', status: 'pending'})-[:ABOUT]->(e:ListEntry) "
        "RETURN ri.status AS status, ri.proposed_type AS type, ri.proposed_end AS end, "
        "ri.proposed_props_json AS props, ri.candidates_json AS candidates, "
        "ri.normalized_input AS norm, ri.input AS input, e.id AS entry, ri.entry_id AS entry_id",
    )
    assert len(rows) == report.sent_to_review
    for row in rows[:20]:
        assert row["status"] == "pending" and row["type"] == "LISTED_ON"
        assert row["end"].startswith("list:") and row["entry"] == row["entry_id"]
        props = json.loads(row["props"])
        assert props["entry_id"] == row["entry"] and props["origin"] == "csl"
        assert json.loads(row["candidates"])
        assert row["norm"]
    # no LISTED_ON for an entry under review
    leaked = q(
        graph,
        "MATCH (ri:ReviewItem {kind: 'csl_entry', status: 'pending'})-[:ABOUT]->(e:ListEntry) "
        "MATCH ()-[r:LISTED_ON]->() WHERE r.entry_id = e.id RETURN count(r) AS n",
    )
    assert leaked[0]["n"] == 0


def test_every_merge_is_a_recorded_judgement(
    loaded: tuple[Graph, LoadReport, dict[str, int]],
) -> None:
    """An entry that joined an entity already there (the graph's, or one an earlier row of
    the load made) has an accepted judgement: who, when, score, evidence, the fact written;
    its LISTED_ON and RESOLVED_TO carry the judgement's id, so `review undo` takes it back."""
    graph, report, _ = loaded
    merged = q(
        graph,
        "MATCH (e:ListEntry)-[t:RESOLVED_TO {decision: 'match'}]->(x:Entity) "
        "OPTIONAL MATCH (ri:ReviewItem {id: t.review_id})-[:ABOUT]->(e) "
        "OPTIONAL MATCH (x)-[l:LISTED_ON {entry_id: e.id}]->() "
        "RETURN ri.status AS status, ri.decided_by AS by, ri.chosen_id AS chosen, x.id AS x, "
        "ri.score AS score, ri.applied_fact_ids AS facts, l.fact_id AS fact, "
        "l.review_id = t.review_id AS same_review, ri.decided_at AS at",
    )
    assert len(merged) == report.extra["decisions"]["match"] == report.extra["judgements_recorded"]
    assert report.extra["matched_records_of_this_load"] > 300  # rows meet earlier rows
    for row in merged:
        assert row["status"] == "accepted" and row["by"] == "survgraph resolver"
        assert row["chosen"] == row["x"] and row["score"] >= 0.88 and row["at"]
        assert row["facts"] == [row["fact"]] and row["same_review"]


def test_one_legal_person_on_several_lists_is_one_entity(
    loaded: tuple[Graph, LoadReport, dict[str, int]],
) -> None:
    """The issue's examples: each pair of listings lands on one entity, with its names as
    each list writes them kept as aliases."""
    graph, _, _ = loaded
    for names in (
        ("Agat-Electromechanical Plant OJSC", "AGAT ELECTROMECHANICAL PLANT OJSC"),
        ("Beltechexport, CJSC", "CJSC BELTECHEXPORT"),
        ("State Security Committee of the Republic of Belarus",),
    ):
        rows = q(
            graph,
            "MATCH (x:Entity)-[r:LISTED_ON]->(l:List) WHERE toLower(r.name_as_listed) IN $names "
            "RETURN collect(DISTINCT x.id) AS ids, collect(DISTINCT l.id) AS lists, "
            "head(collect(x.aliases)) AS aliases",
            names=[n.lower() for n in names],
        )[0]
        assert len(rows["ids"]) == 1 and len(rows["lists"]) >= 2, (names, rows)


def test_same_name_on_several_lists_is_one_new_node(
    loaded: tuple[Graph, LoadReport, dict[str, int]],
) -> None:
    graph, _, _ = loaded
    rows = q(
        graph,
        "MATCH (a:Company {origin: 'csl'})-[r:LISTED_ON]->(l:List) "
        "WITH a, count(DISTINCT l) AS lists WHERE lists > 1 RETURN count(a) AS n",
    )
    assert rows[0]["n"] > 0
    persons = q(graph, "MATCH (p:Person:Entity) RETURN count(p) AS n")[0]["n"]
    assert persons > 1000
    crossed = q(
        graph,
        "MATCH (e:ListEntry {type: 'Individual'})-[:RESOLVED_TO]->(c:Company) RETURN count(e) AS n",
    )
    assert crossed[0]["n"] == 0  # people are never merged into companies


def test_lists_and_freshness(loaded: tuple[Graph, LoadReport, dict[str, int]]) -> None:
    graph, report, _ = loaded
    rows = {r["id"]: r for r in graph.read("admin/list_freshness")}
    el = rows[EL]
    assert el["entry_count"] == 3259 and el["loaded_at"] == report.started_at
    assert el["publisher_updated"] is None  # a CSV gives no publisher date
    assert el["snapshot_source_id"] == report.extra["snapshot_source_id"]
    assert el["name"].startswith("Entity List (Supplement No. 4")  # curated name kept
    assert rows["list:us-ofac-sdn"]["entry_count"] == 14965
    admin = q(
        graph,
        "MATCH (l:List {id: 'list:us-state-isn'})-[:ADMINISTERED_BY]->(g:GovernmentBody) "
        "RETURN g.id AS id",
    )
    assert admin == [{"id": "gov:us-state"}]
    src = q(graph, "MATCH (s:Source {id: $id}) RETURN s", id=report.extra["snapshot_source_id"])
    s = src[0]["s"]
    assert s["publisher"].startswith("International Trade Administration")
    assert s["kind"] == "dataset" and len(s["sha256"]) == 64


def test_second_load_changes_nothing(loaded: tuple[Graph, LoadReport, dict[str, int]]) -> None:
    graph, _, before = loaded
    report = load(graph, CSL_SOURCE, shared_path(*CSL))
    assert counts(graph) == before
    assert report.entities_created == 0 and report.relationships_created == 0
    assert report.extra["entries_created"] == 0 and report.extra["review_items_created"] == 0
    assert report.extra["changes"] == {"added": 0, "modified": 0, "ended": 0}
    runs = q(graph, "MATCH (r:LoadRun {loader: 'csl'}) RETURN count(r) AS n")[0]["n"]
    assert runs == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("38th Research Institute of CETC", "China Electronics Technology Group Corporation 38th"),
        ("CETC 38", "China Electronics Technology Group Corporation 38th"),
        ("CETC 54th Research Institute", "54th Research Institute of China"),
        ("32nd Research Institute of CETC", "China Electronics Technology Group Corporation 32nd"),
    ],
)
def test_search_reads_names_as_lists_write_them(
    loaded: tuple[Graph, LoadReport, dict[str, int]], query: str, expected: str
) -> None:
    """Word order, ordinals and the acronym the graph carries (CETC) on the real lists."""
    graph, _, _ = loaded
    hits = GraphResolver(graph).search(query, limit=3)
    assert hits and hits[0].name.startswith(expected), [h.name for h in hits]
