"""The API's search index: built once, answered from memory, rebuilt when the graph changes.

`/search` runs on the event loop only while the index is fresh (`SearchIndex.ready`); the
answers must be the same either way, and a company loaded after the build must become
findable once the fingerprint check sees the change.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.search_index import SearchIndex
from graph.db import Graph
from loaders.curated import load_curated
from loaders.ftm import load_ftm
from tests.conftest import wipe
from tests.test_api_support import client_for
from tests.test_ftm_fixtures import entity

NEWCOMER = "Qinghe Lantern Optics Company"


@pytest.fixture(scope="module")
def curated(graph: Graph) -> Graph:
    wipe(graph)
    load_curated(graph)
    return graph


@pytest.fixture()
def client(curated: Graph) -> Iterator[TestClient]:
    yield from client_for(curated.settings)


def add_newcomer(graph: Graph, tmp: Path) -> None:
    path = tmp / "newcomer.ftm.json"
    path.write_text(
        json.dumps(entity("Company", "os-newcomer", name=NEWCOMER)) + "\n",
        encoding="utf-8",
    )
    report = load_ftm(graph, path)
    assert report.extra["new_entities"] == 1


def test_ready_only_while_built_and_fresh(curated: Graph) -> None:
    index = SearchIndex(curated, check_every_s=3600)
    gc.unfreeze()  # an earlier module's index may have frozen objects already
    assert not index.ready()  # nothing built: a search would have to read the graph
    index.resolver()
    assert index.ready()
    assert gc.get_freeze_count() > 0  # the build put the index out of the collector's way
    index.invalidate()
    assert not index.ready()  # a fingerprint check (a database read) is due


@pytest.mark.parametrize("clock", [0.0, 0.5, 59.0, 3599.0, 1e9])
def test_invalidated_is_due_whatever_the_clock_reads(
    curated: Graph, monkeypatch: pytest.MonkeyPatch, clock: float
) -> None:
    """`time.monotonic()` counts from boot on Linux: a machine up for seconds reads small
    values, a long-running one large values. Invalidation must not depend on either."""
    monkeypatch.setattr("api.search_index.time.monotonic", lambda: clock)
    index = SearchIndex(curated, check_every_s=3600)
    assert not index.ready()
    index.resolver()
    assert index.ready()
    index.invalidate()
    assert not index.ready()
    index.resolver()  # the fingerprint check ran: fresh again until the next interval
    assert index.ready()


def test_search_answers_the_same_from_thread_and_loop(client: TestClient) -> None:
    index: SearchIndex = client.app.state.service.index  # type: ignore[attr-defined]
    assert not index.ready()
    first = client.get("/search", params={"q": "Hikvision Digital Tech", "limit": 5})
    assert index.ready()  # the first search built it (in the thread pool)
    second = client.get("/search", params={"q": "Hikvision Digital Tech", "limit": 5})
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert first.json()["results"][0]["id"] == "company:hikvision"


def test_a_loaded_company_becomes_findable(curated: Graph, tmp_path: Path) -> None:
    index = SearchIndex(curated, check_every_s=3600)
    assert not [c for c in index.resolver().search(NEWCOMER, limit=3) if c.name == NEWCOMER]
    add_newcomer(curated, tmp_path)
    assert index.ready()  # no check due yet: the old index keeps serving
    index.invalidate()
    index.resolver()  # the check sees the new fingerprint and rebuilds in the background
    index.wait_idle()
    hits = index.resolver().search(NEWCOMER, limit=3)
    assert hits and hits[0].name == NEWCOMER
