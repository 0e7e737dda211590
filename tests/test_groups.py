"""The curated vendor groups (data/relations_groups.yaml) load and answer: parents, shares as
their sources state them, and every fact cited."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import Graph
from loaders.curated import load_curated, read_curated
from tests.conftest import wipe


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Graph:
    wipe(graph)
    report = load_curated(graph)
    assert report.rejected == []
    return graph


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


def edge(graph: Graph, start: str, end: str) -> list[dict[str, Any]]:
    return q(
        graph,
        "MATCH (:Entity {id: $a})-[r]->(:Entity {id: $b}) RETURN type(r) AS type, "
        "r.share_min AS min, r.share_max AS max, r.share_kind AS kind, r.share_text AS text, "
        "r.share_as_of AS as_of, r.source_ids AS sources ORDER BY type, as_of",
        a=start,
        b=end,
    )


def test_beijing_sensetime_is_a_subsidiary_of_the_group_with_a_source(loaded: Graph) -> None:
    rows = edge(loaded, "company:sensetime", "company:sensetime-group")
    assert [r["type"] for r in rows] == ["SUBSIDIARY_OF"]
    assert rows[0]["kind"] == "not_stated"  # the source names no share
    assert rows[0]["sources"] == ["source:chinascope-2021-09-sensetime-beijing-subsidiary"]


@pytest.mark.parametrize(
    ("start", "end", "text", "low", "high"),
    [
        ("company:inspur-information", "company:inspur-group", "36 per cent", 36, 36),
        ("company:china-mobile-ltd", "company:cmcc", "72.72%", 72.72, 72.72),
        (
            "company:china-telecom-ltd",
            "company:china-telecommunications-corp",
            "70.89%",
            70.89,
            70.89,
        ),
        ("company:higon", "company:sugon", "majority", 50, 100),
    ],
)
def test_shares_are_the_sources_words_read_as_intervals(
    loaded: Graph, start: str, end: str, text: str, low: float, high: float
) -> None:
    rows = [r for r in edge(loaded, start, end) if r["text"] == text]
    assert rows and rows[0]["min"] == low and rows[0]["max"] == high


def test_a_chain_reaches_the_group_parent(loaded: Graph) -> None:
    rows = q(
        loaded,
        "MATCH p = (:Entity {id: 'company:chengdu-haiguang-ic'})-[:OWNED_BY|SUBSIDIARY_OF*..3]->"
        "(:Entity {id: 'company:sugon'}) RETURN [n IN nodes(p) | n.id] AS ids",
    )
    assert rows == [{"ids": ["company:chengdu-haiguang-ic", "company:higon", "company:sugon"]}]


def test_every_group_fact_cites_a_dated_public_source() -> None:
    data = read_curated()
    sources = {s.id: s.props for s in data.sources}
    groups = [r for r in data.relations if r.where.startswith("relations_groups.yaml")]
    parents = {r.end for r in groups}
    assert len(parents) >= 6
    for rel in groups:
        for source_id in rel.props["source_ids"]:
            assert sources[source_id].get("url") and sources[source_id].get("date"), source_id
