"""One entity per listed party across the 1260H tranches and the NS-CMIC list (issue 22), on the
real files loaded as a user loads them: curated, then the CSL, then the 1260H list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest

from graph.db import Graph
from loaders.curated import load_curated
from loaders.pipeline import load
from loaders.resolution.growing import primary_form
from loaders.sources import CSL, DOD_1260H
from tests.conftest import shared_path, wipe

CSL_FILE = ("data", "csl", "consolidated-assembled-2026-07.csv")
DOD_FILE = ("data", "opensanctions_us_lists", "dod_1260h_chinese_military_companies.csv")


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Iterator[Graph]:
    wipe(graph)
    load_curated(graph)
    load(graph, CSL, shared_path(*CSL_FILE))
    load(graph, DOD_1260H, shared_path(*DOD_FILE))
    yield graph


def entities_by_name(graph: Graph) -> dict[str, set[str]]:
    rows = q(
        graph,
        "MATCH (x:Entity)-[r:LISTED_ON]->(:List {id: 'list:us-dod-1260h'}) "
        "RETURN x.id AS id, coalesce(r.name_as_listed, x.name) AS name",
    )
    by_name: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_name[primary_form(row["name"])].add(row["id"])
    return by_name


def test_no_1260h_name_is_spread_over_entities(loaded: Graph) -> None:
    spread = {name: ids for name, ids in entities_by_name(loaded).items() if len(ids) > 1}
    assert spread == {}


def test_china_electronics_corporation_is_one_entity(loaded: Graph) -> None:
    rows = q(
        loaded,
        "MATCH (x:Entity)-[r:LISTED_ON]->(l:List) "
        "WHERE r.name_as_listed STARTS WITH 'China Electronics Corporation' "
        "RETURN x.id AS id, l.id AS list, r.since AS since",
    )
    assert {r["list"] for r in rows} == {"list:us-dod-1260h", "list:us-ofac-ns-cmic"}
    assert len({r["id"] for r in rows}) == 1
    assert len([r for r in rows if r["list"] == "list:us-dod-1260h"]) == 3  # three tranches


def test_numbered_entries_stay_apart(loaded: Graph) -> None:
    # Different entries of one list (the 38th and the 54th institute) stay two parties.
    numbered = {
        name: ids
        for name, ids in entities_by_name(loaded).items()
        if any(t.isdigit() for t in name.split())
    }
    assert len(numbered) > 5
    owners = [next(iter(ids)) for ids in numbered.values()]
    assert len(set(owners)) == len(owners)


def test_a_borrowed_alias_does_not_carry_a_row_to_another_party(loaded: Graph) -> None:
    # NS-CMIC lists Huawei Technologies with its holding's name as an alternate name: the row
    # never lands on the holding, and the holding's NS-CMIC and 1260H rows are one entity.
    rows = q(
        loaded,
        "MATCH (x:Entity)-[r:LISTED_ON]->(l:List) "
        "WHERE r.name_as_listed IN ['Huawei Technologies Co., Ltd.', "
        "'Huawei Investment & Holding Co., Ltd.'] "
        "RETURN x.id AS id, l.id AS list, r.name_as_listed AS name",
    )
    holding = {r["id"] for r in rows if r["name"].startswith("Huawei Investment")}
    assert len(holding) == 1
    assert {r["list"] for r in rows if r["id"] in holding} >= {
        "list:us-ofac-ns-cmic",
        "list:us-dod-1260h",
    }
    assert not [r for r in rows if r["id"] in holding and r["name"].startswith("Huawei Tech")]
