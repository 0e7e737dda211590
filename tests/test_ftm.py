"""`load ftm`: parsing, resolution (match / new / review), facts, citations, idempotency."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph import writer
from graph.db import Graph
from loaders.ftm import ftm_date, load_ftm, our_id, read_ftm, to_ftm_id
from loaders.plumbing.report import LoadReport
from tests.conftest import wipe
from tests.test_ftm_fixtures import small_file


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return session.run(text, params).data()


@pytest.fixture(scope="module")
def ftm_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_file(tmp_path_factory.mktemp("ftm"))


@pytest.fixture(scope="module")
def loaded(graph: Graph, ftm_path: Path) -> tuple[Graph, LoadReport]:
    from loaders.curated import load_curated

    wipe(graph)
    load_curated(graph)
    return graph, load_ftm(graph, ftm_path)


def test_parse_keeps_bad_lines_aside(ftm_path: Path) -> None:
    parsed = read_ftm(ftm_path)
    assert len(parsed.records) == 8
    where = {r.where: r.reason for r in parsed.rejected}
    assert set(where) == {"small.ftm.json:9", "small.ftm.json:10", "small.ftm.json:11"}
    assert "JSON" in where["small.ftm.json:9"]
    assert "unknown schema" in where["small.ftm.json:10"]
    assert "missing name" in where["small.ftm.json:11"]


def test_id_and_date_helpers() -> None:
    assert to_ftm_id("company:hikvision") == "company.hikvision"
    assert our_id("company.hikvision") == "company:hikvision"
    assert our_id("NK-abc") is None
    assert ftm_date("2020-03") == ("2020-03-01", "month")
    assert ftm_date("2019") == ("2019-01-01", "year")


def test_match_adds_names_and_ftm_id(loaded: tuple[Graph, LoadReport]) -> None:
    graph, report = loaded
    rows = q(
        graph, "MATCH (n:Entity {id: 'company:hikvision'}) RETURN n.ftm_ids AS f, n.aliases AS a"
    )
    assert "os-hik" in rows[0]["f"]
    assert "Hikvision Digital" in rows[0]["a"]
    assert rows[0]["a"].count("Hikvision") == 1
    assert report.entities_merged == 1


def test_unknown_company_is_created_with_ftm_id(loaded: tuple[Graph, LoadReport]) -> None:
    graph, _ = loaded
    rows = q(
        graph, "MATCH (n:Company) WHERE 'os-new' IN n.ftm_ids RETURN n.id AS id, n.country AS c"
    )
    assert len(rows) == 1
    assert rows[0]["id"].startswith("company:ftm-acme-surveillance-widgets-ltd-")
    assert rows[0]["c"] == "GB"


def test_ownership_and_sanctions(loaded: tuple[Graph, LoadReport]) -> None:
    graph, report = loaded
    src = report.extra["source_id"]
    own = q(
        graph,
        """MATCH (a:Company)-[r:SUBSIDIARY_OF]->(:Company {id: 'company:hikvision'})
                      WHERE 'os-new' IN a.ftm_ids RETURN properties(r) AS r""",
    )
    assert len(own) == 1
    share = own[0]["r"]
    assert (share["share_min"], share["share_max"], share["share_kind"]) == (51, 51, "exact")
    assert share["share_text"] == "51" and "share" not in share
    assert report.extra["shares"]["exact"] >= 2
    assert own[0]["r"]["since"] == "2020-03-01" and own[0]["r"]["since_precision"] == "month"
    assert own[0]["r"]["origin"] == "ftm" and own[0]["r"]["source_ids"] == [src]
    lists = q(
        graph,
        """MATCH (a:Company)-[r:LISTED_ON]->(l:List) WHERE 'os-new' IN a.ftm_ids
                        RETURN l.id AS id, r.since AS since, r.note AS note ORDER BY id""",
    )
    ids = [row["id"] for row in lists]
    assert "list:us-bis-entity-list" in ids
    assert any(i.startswith("list:ftm-some-ministry-special-programme") for i in ids)
    bis = next(row for row in lists if row["id"] == "list:us-bis-entity-list")
    assert bis["since"] == "2023-03-30" and bis["note"] == "Xinjiang"


def test_every_ftm_fact_cites_the_file_source(loaded: tuple[Graph, LoadReport]) -> None:
    graph, report = loaded
    src = q(
        graph,
        "MATCH (s:Source {id: $id}) RETURN s.kind AS kind, s.title AS title",
        id=report.extra["source_id"],
    )
    assert src == [{"kind": "dataset", "title": "test_dataset"}]
    bad = q(
        graph,
        """MATCH ()-[r {origin: 'ftm'}]->() WHERE NOT $id IN r.source_ids
                      RETURN count(r) AS n""",
        id=report.extra["source_id"],
    )
    assert bad[0]["n"] == 0


def test_ambiguous_entity_goes_to_review_with_its_facts(loaded: tuple[Graph, LoadReport]) -> None:
    graph, report = loaded
    assert report.sent_to_review == 1
    items = q(
        graph,
        """MATCH (r:ReviewItem {kind: 'ftm_entity'})-[:ABOUT]->(s:Source)
                        RETURN r.input AS input, r.proposed_type AS t, r.proposed_end AS e,
                               r.candidates_json AS c, s.id AS about""",
    )
    assert len(items) == 1
    assert items[0]["input"] == "Pishan Haishi Electronic Technology Co., Ltd."
    assert items[0]["t"] == "SUBSIDIARY_OF" and items[0]["e"] == "company:hikvision"
    assert "company:pishan-haishi-yongan" in items[0]["c"]
    # held back: nothing was written for it
    rows = q(graph, "MATCH (n:Entity) WHERE 'os-pishan' IN coalesce(n.ftm_ids, []) RETURN n")
    assert rows == []
    assert report.extra["skipped"].get("Person") == 1


def test_loading_twice_changes_nothing(loaded: tuple[Graph, LoadReport], ftm_path: Path) -> None:
    graph, _ = loaded
    before = writer.counts(graph)
    again = load_ftm(graph, ftm_path)
    assert writer.counts(graph) == before
    assert again.entities_created == 0 and again.relationships_created == 0
