"""The curated dataset loads idempotently, every fact is cited, and bad records are reported."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graph import writer
from graph.db import Graph
from graph.model import WALKED_TYPES
from loaders.curated import DATA_DIR, read_curated
from tests.conftest import create_example_watchlist, wipe


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Graph:
    from loaders.curated import load_curated

    wipe(graph)
    report = load_curated(graph)
    assert report.rejected == [], report.summary()
    return graph


def test_dataset_parses_without_rejections() -> None:
    data = read_curated()
    assert data.rejected == []
    assert data.sources and data.nodes


def test_loading_twice_changes_no_counts(loaded: Graph) -> None:
    from loaders.curated import load_curated

    before = writer.counts(loaded)
    report = load_curated(loaded)
    assert writer.counts(loaded) == before
    assert report.entities_created == 0
    assert report.relationships_created == 0
    shares = report.extra["shares"]  # every ownership record's share, by how it is stated
    assert shares["exact"] > 20 and shares["not_stated"] > 5 and "unreadable" not in shares


def test_every_relationship_cites_sources_that_resolve(loaded: Graph) -> None:
    with loaded.driver.session() as session:
        rows = session.run(
            """
            MATCH ()-[r]->()
            WHERE NOT type(r) IN ['SCOPE_OF']
            OPTIONAL MATCH (s:Source) WHERE s.id IN coalesce(r.source_ids, [])
            WITH r, coalesce(r.source_ids, []) AS ids, collect(s.id) AS found
            WHERE size(ids) = 0 OR size(found) <> size(ids)
            RETURN type(r) AS type, r.fact_id AS fact, ids, found
            """
        ).data()
    assert rows == []
    with loaded.driver.session() as session:
        total = session.run("MATCH ()-[r]->() RETURN count(r) AS n").single()
    assert total is not None and total["n"] > 0


def test_every_entity_cites_sources(loaded: Graph) -> None:
    with loaded.driver.session() as session:
        rows = session.run(
            "MATCH (n:Entity) WHERE size(coalesce(n.source_ids, [])) = 0 RETURN n.id AS id"
        ).data()
    assert rows == []


def _expected_listed_subsidiaries(parent: str) -> set[tuple[str, str]]:
    """What data/ states, computed from the files, not from the graph."""
    data = read_curated()
    children: dict[str, set[str]] = {}
    for rel in data.relations:
        if rel.type in WALKED_TYPES:
            children.setdefault(rel.end, set()).add(rel.start)
    descendants: set[str] = set()
    frontier = [parent]
    for _ in range(6):
        frontier = [c for p in frontier for c in children.get(p, set()) if c not in descendants]
        descendants.update(frontier)
    return {
        (rel.start, rel.end)
        for rel in data.relations
        if rel.type == "LISTED_ON" and rel.start in descendants
    }


def test_listed_subsidiaries_of_hikvision_match_the_data(loaded: Graph) -> None:
    rows = loaded.read("browser/listed_subsidiaries_table", company="company:hikvision")
    got = {(r["subsidiary"], r["list"]) for r in rows}
    expected = _expected_listed_subsidiaries("company:hikvision")
    assert got == expected
    haishi = {c for c, _ in got if "haishi" in c}
    assert len(haishi) == 5, "the five Xinjiang Haishi subsidiaries are on the Entity List"
    assert all(r["sources"] for r in rows)
    # Each listed subsidiary has at least one Entity List claim with its legal citation.
    entity_list = "list:us-bis-entity-list"
    cited = {r["subsidiary"] for r in rows if r["list"] == entity_list and r["citation"]}
    assert haishi <= cited


def test_listed_subsidiaries_draw_one_path_per_subsidiary(loaded: Graph) -> None:
    """The drawable investigation: one row per listed subsidiary, its path from it up to the
    company and its listings; together the same (subsidiary, list) pairs as the table."""
    from graph import cypher

    hik = "company:hikvision"
    with loaded.driver.session(database=loaded.database) as session:
        result = session.run(cypher.load("browser/listed_subsidiaries"), company=hik)
        rows = list(result)
    starts = [row["path"].start_node["id"] for row in rows]
    assert len(starts) == len(set(starts)) == 5  # the five Haishi, once each
    assert all(row["path"].end_node["id"] == hik for row in rows)
    drawn = {
        (row["path"].start_node["id"], listing.end_node["id"])
        for row in rows
        for listing in row["listings"]
    }
    assert drawn == _expected_listed_subsidiaries(hik)
    listings = [r for row in rows for listing in row["listings"] for r in listing.relationships]
    edges = [r for row in rows for r in row["path"].relationships] + listings
    assert all(r["source_ids"] for r in edges)  # every drawn edge can be quoted


def _run(graph: Graph, name: str, **params: Any) -> list[Any]:
    from graph import cypher

    with graph.driver.session(database=graph.database) as session:
        return list(session.run(cypher.load(f"browser/{name}"), params))


def test_drawn_investigations_answer_as_their_tables(loaded: Graph) -> None:
    """Each investigation that draws returns paths, and the same answer as its table form."""
    from neo4j.graph import Node as GraphNode
    from neo4j.graph import Path as GraphPath

    from api.routers.browser import INVESTIGATIONS

    create_example_watchlist(loaded)  # the watchlist slide's parameter names it
    for item in INVESTIGATIONS:
        if not item.table:
            continue
        params = {item.param: item.value} if item.param else {}
        drawn, table = _run(loaded, item.file, **params), _run(loaded, item.table, **params)
        assert drawn and table, item.file
        values = [v for row in drawn for v in row.values()]
        flat = [x for v in values for x in (v if isinstance(v, list) else [v])]
        assert any(isinstance(x, GraphPath | GraphNode) for x in flat), item.file
        if item.file == "affiliates_rule_reach":
            assert {(r["entity"], r["reach"]) for r in drawn} == {
                (r["name"], r["reach"]) for r in table
            }
        elif item.file == "contracts_by_region":
            assert sorted(r["name"] for r in drawn) == sorted(r["name"] for r in table)
        elif item.file == "source_supports":
            kinds = Counter(r["kind"] for r in table)
            assert len(drawn[0]["entities"]) == kinds["entity"]
            assert len(drawn[0]["facts"]) == kinds["fact"]


def test_cypher_files_all_parse(loaded: Graph) -> None:
    """Every statement in cypher/ is valid Cypher for this server (EXPLAIN plans it)."""
    from graph import cypher

    failures = []
    with loaded.driver.session() as session:
        for path in sorted(cypher.CYPHER_DIR.rglob("*.cypher")):
            name = str(path.relative_to(cypher.CYPHER_DIR).with_suffix(""))
            is_script = name == "admin/schema"
            statements = cypher.load_script(name) if is_script else (cypher.load(name),)
            for statement in statements:
                if "IN TRANSACTIONS" in statement:
                    continue  # not allowed in EXPLAIN inside a managed transaction
                try:
                    session.run("EXPLAIN " + statement).consume()
                except Exception as exc:  # report every broken file, not just the first
                    failures.append(f"{name}: {exc}")
    assert failures == []


def test_no_dynamic_types_in_variable_length_patterns() -> None:
    """Neo4j 5.26 ignores `$any(...)` types in a variable-length pattern (`[:$any($t)*1..6]`
    follows every type: a walk of ownership edges went through LINKED_TO and RESOLVED_TO), so
    statements walk edge-type sets as quantified paths, `((a)-[r:$any($t)]->(b)){1,6}`."""
    from graph import cypher

    pattern = re.compile(r"\$any\(\$\w+\)\s*\*")
    found = [
        str(path.relative_to(cypher.CYPHER_DIR))
        for path in sorted(cypher.CYPHER_DIR.rglob("*.cypher"))
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_malformed_records_are_reported_with_file_and_line(tmp_path: Path) -> None:
    for path in DATA_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    bad = """
- type: LISTED_ON
  from: company:hikvision
  to: list:us-bis-entity-list
  key: test-missing-source
- type: LISTED_ON
  from: company:does-not-exist
  to: list:us-bis-entity-list
  source_ids: [%(src)s]
- type: SUBSIDIARY_OF
  from: company:hikvision
  to: company:dahua
  since: 2019-13-45
  source_ids: [%(src)s]
- type: LISTED_ON
  from: company:hikvision
  to: list:us-bis-entity-list
  key: test-unknown-source
  source_ids: [source:nowhere]
"""
    first_source = read_curated().sources[0].id
    (tmp_path / "relations_zz_bad.yaml").write_text(bad % {"src": first_source})
    data = read_curated(tmp_path)
    reasons = {r.where: r.reason for r in data.rejected}
    assert set(reasons) == {
        "relations_zz_bad.yaml:2",
        "relations_zz_bad.yaml:6",
        "relations_zz_bad.yaml:10",
        "relations_zz_bad.yaml:15",
    }
    assert "source_ids is missing" in reasons["relations_zz_bad.yaml:2"]
    assert "unknown id 'company:does-not-exist'" in reasons["relations_zz_bad.yaml:6"]
    assert "not a valid date" in reasons["relations_zz_bad.yaml:10"]
    assert "unknown source 'source:nowhere'" in reasons["relations_zz_bad.yaml:15"]
    # The valid rest is all there.
    assert len(data.relations) == len(read_curated().relations)


def test_shares_statuses_and_versions_are_checked(tmp_path: Path) -> None:
    """An impossible share, a status without its date and sources, a share on a designation
    and overlapping rule versions are malformed records; the share words are kept and read."""
    for path in DATA_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    src = read_curated().sources[0].id
    bad = f"""
- type: OWNED_BY
  from: company:hikvision
  to: company:dahua
  share_text: "150%"
  source_ids: [{src}]
- type: OWNED_BY
  from: company:hikvision
  to: company:dahua
  key: range
  share_text: "50-25"
  source_ids: [{src}]
- type: LISTED_ON
  from: company:ezviz
  to: list:us-bis-entity-list
  status: withdrawn
  source_ids: [{src}]
- type: LISTED_ON
  from: company:ezviz
  to: list:us-bis-entity-list
  key: share
  share_text: "30%"
  source_ids: [{src}]
- type: OWNED_BY
  from: company:hikvision
  to: company:dahua
  key: fine
  share_text: "over 50 %"
  share_as_of: 2024-06-30
  share_as_of_precision: day
  source_ids: [{src}]
"""
    (tmp_path / "relations_zz_shares.yaml").write_text(bad)
    with (tmp_path / "rules.yaml").open("a") as fh:
        fh.write(
            f"""
- id: rule:test-overlap
  list: list:us-bis-entity-list
  name: overlapping versions
  source_ids: [{src}]
  versions:
    - {{status: in_force, from: 2020-01-01, until: 2021-06-01, source_ids: [{src}]}}
    - {{status: suspended, from: 2021-01-01, source_ids: [{src}]}}
"""
        )
    data = read_curated(tmp_path)
    reasons = {r.where: r.reason for r in data.rejected}
    assert "outside 0-100" in reasons["relations_zz_shares.yaml:2"]
    assert "above the maximum" in reasons["relations_zz_shares.yaml:7"]
    assert "status_date and status_source_ids" in reasons["relations_zz_shares.yaml:13"]
    assert "not LISTED_ON" in reasons["relations_zz_shares.yaml:18"]
    assert any("overlaps" in why for why in reasons.values())
    (fine,) = [r for r in data.relations if r.props.get("key") == "fine"]
    assert fine.props["share_text"] == "over 50 %" and fine.props["share_kind"] == "bound"
    assert (fine.props["share_min"], fine.props["share_min_exclusive"]) == (50, True)
    assert fine.props["share_as_of"] == "2024-06-30"


def test_rejected_records_do_not_block_the_load(graph: Graph, tmp_path: Path) -> None:
    from loaders.curated import load_curated

    for path in DATA_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    with (tmp_path / "companies.yaml").open("a") as fh:
        fh.write("\n- id: company:no-source-given\n  name: Unsourced Example Co\n")
    wipe(graph)
    report = load_curated(graph, tmp_path)
    assert [r.reason for r in report.rejected] == [
        "source_ids is missing: every fact needs a source"
    ]
    with graph.driver.session() as session:
        found = session.run(
            "MATCH (n:Entity {id: 'company:no-source-given'}) RETURN count(n) AS n"
        ).single()
        hik = session.run(
            "MATCH (n:Company {id: 'company:hikvision'}) RETURN count(n) AS n"
        ).single()
    assert found is not None and found["n"] == 0
    assert hik is not None and hik["n"] == 1
    # Leave the module's graph as the other tests expect it.
    wipe(graph)
    load_curated(graph)
