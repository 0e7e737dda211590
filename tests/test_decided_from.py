"""`decided_from`: the first day a dated claim is precise enough, computed once when written.

The rule: an undated claim is decided on every day; a day (or "before") date from that day;
a year or a month only once it is over (Cypher's date + P1Y / P1M); an approximate or
"after" date never. Every loader writes it; a graph of an earlier version gets it once."""

from __future__ import annotations

import pytest

from graph.db import Graph
from graph.model import ALWAYS, claim_decided_from, decided_from
from graph.schema import apply_schema
from loaders.curated import load_curated
from loaders.pipeline import load
from loaders.sources import CSL
from tests.conftest import shared_path, wipe


@pytest.mark.parametrize(
    ("since", "precision", "expected"),
    [
        (None, None, ALWAYS),
        ("2023-03-30", None, "2023-03-30"),
        ("2023-03-30", "day", "2023-03-30"),
        ("2019-10-09", "before", "2019-10-09"),
        ("2019-01-01", "year", "2020-01-01"),
        ("2019-10-01", "month", "2019-11-01"),
        ("2023-01-31", "month", "2023-02-28"),
        ("2024-02-29", "year", "2025-02-28"),
        ("2019-01-01", "approximate", None),
        ("2019-01-01", "after", None),
    ],
)
def test_the_rule(since: str | None, precision: str | None, expected: str | None) -> None:
    assert decided_from(since, precision) == expected


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Graph:
    wipe(graph)
    load_curated(graph)
    load(graph, CSL, shared_path("data", "csl_samples", "watchman_cslustest_consolidated.csv"))
    return graph


def check_all(graph: Graph) -> int:
    rows = graph.read("admin/listed_on_dates")
    assert rows
    for row in rows:
        expected = claim_decided_from(row["since"], row["precision"], row["status"])
        assert row["decided_from"] == expected, row
    return len(rows)


def test_every_designation_written_carries_it(loaded: Graph) -> None:
    check_all(loaded)
    vague = [r for r in loaded.read("admin/listed_on_dates") if r["precision"] == "year"]
    assert vague, "the curated data has designations dated only to a year"


def test_a_graph_of_an_earlier_version_gets_it_once(loaded: Graph) -> None:
    forgotten = loaded.write("admin/probe_forget_decided_from")[0]
    assert forgotten and forgotten["forgotten"] > 0
    assert all(r["decided_from"] is None for r in loaded.read("admin/listed_on_dates"))
    apply_schema(loaded)
    assert check_all(loaded) == forgotten["forgotten"]
