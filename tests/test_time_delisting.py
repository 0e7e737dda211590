"""A list reload that drops an entry ends the designation (never deletes it): the API reads it
as listed before its end and not after; /changes and /lists say what the loads did."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import client_for, fresh_curated
from test_list_changes import DAY1, DAY2, SAMPLE, read_rows, write_rows

from graph.db import Graph
from loaders.pipeline import load
from loaders.sources import CSL
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def loaded(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    header, rows = read_rows(shared_path(*SAMPLE))
    tmp = tmp_path_factory.mktemp("csl-api")
    gone_idx = next(i for i, r in enumerate(rows) if "(SSI)" in r["source"])
    v2 = [dict(r) for i, r in enumerate(rows) if i != gone_idx]
    modified = next(r for r in v2 if "(DPL)" in r["source"])
    modified["federal_register_notice"] = "99 FR 12345, 07/08/26"
    fresh_curated(graph)
    r1 = load(graph, CSL, write_rows(tmp / "v1.csv", header, rows), started=DAY1)
    r2 = load(graph, CSL, write_rows(tmp / "v2.csv", header, v2), started=DAY2)
    return {
        "gone": rows[gone_idx]["name"].strip(),
        "modified": modified["name"].strip(),
        "n": len(rows),
        "r1": r1,
        "r2": r2,
    }


@pytest.fixture(scope="module")
def client(graph: Graph, loaded: dict[str, Any]) -> Iterator[TestClient]:
    yield from client_for(graph.settings)


def test_changes_since(client: TestClient, loaded: dict[str, Any]) -> None:
    r = client.get("/changes", params={"since": "2026-07-05"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert sorted((c["kind"], c["name"]) for c in body["results"]) == sorted(
        [("ended", loaded["gone"]), ("modified", loaded["modified"])]
    )
    assert body["total"] == 2
    assert all(c["run_id"] == loaded["r2"].extra["run_id"] for c in body["results"])
    added = client.get(
        "/changes", params={"since": "2026-07-01", "kind": "added", "limit": 100}
    ).json()
    assert added["total"] == loaded["n"] and {c["kind"] for c in added["results"]} == {"added"}
    first_day = client.get("/changes", params={"since": "2026-07-01", "until": "2026-07-01"})
    assert first_day.json()["total"] == loaded["n"]
    page = client.get("/changes", params={"since": "2026-07-01", "limit": 2, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"], len(page["results"])) == (
        loaded["n"] + 2, 2, 1, 2,
    )  # fmt: skip
    csv = client.get("/changes", params={"since": "2026-07-05", "format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv") and len(csv.text.splitlines()) == 3


def test_changes_validation(client: TestClient) -> None:
    for params, field in (
        ({"since": "nope"}, "since"),
        ({"since": "2026-07-01", "kind": "removed"}, "kind"),
        ({}, "since"),
    ):
        r = client.get("/changes", params=params)
        assert r.status_code == 422, r.text
        assert field in [e["field"] for e in r.json()["errors"]]
    # a well-formed list id that names no list is not found, the field still named
    r = client.get("/changes", params={"since": "2026-07-01", "list": "list:nope"})
    assert r.status_code == 404, r.text
    assert [e["field"] for e in r.json()["errors"]] == ["list"]


def test_delisted_before_and_after_its_end(client: TestClient, loaded: dict[str, Any]) -> None:
    ended = client.get("/changes", params={"since": "2026-07-05", "kind": "ended"}).json()
    change = ended["results"][0]
    entity, list_id = change["entity_id"], change["list"]["id"]
    assert entity
    after = client.get(f"/entities/{entity}", params={"as_of": "2026-07-09"}).json()
    d = next(x for x in after["designations"] if x["list"]["id"] == list_id)
    assert d["in_force"] is False and d["status"] == "ended" and d["until"] == "2026-07-08"
    assert after["listed"] is False
    claim = d["claims"][0]  # the edge still exists, ended, with its run and reason
    assert claim["until"] == "2026-07-08" and claim["ended_by_run"] == loaded["r2"].extra["run_id"]
    assert claim["end_reason"] == "absent from reload"
    before = client.get(f"/entities/{entity}", params={"as_of": "2026-07-07"}).json()
    d = next(x for x in before["designations"] if x["list"]["id"] == list_id)
    assert d["in_force"] is True and before["listed"] is True
    # the designation names the list snapshot it comes from
    assert d["snapshot"]["snapshot_source_id"] and d["snapshot"]["loaded_at"]
    assert d["snapshot"]["snapshot_source_id"] in d["source_ids"]
    on_list = client.get(f"/lists/{list_id}/entities", params={"as_of": "2026-07-09"}).json()
    assert entity not in {x["entity"]["id"] for x in on_list["results"]}
    on_list = client.get(f"/lists/{list_id}/entities", params={"as_of": "2026-07-07"}).json()
    assert entity in {x["entity"]["id"] for x in on_list["results"]}


def test_lists_freshness(client: TestClient, loaded: dict[str, Any]) -> None:
    body = client.get("/lists").json()
    loaded_lists = [x for x in body["results"] if x["loaded_at"]]
    assert {x["id"] for x in loaded_lists} == set(loaded["r2"].extra["lists"])
    snapshot = loaded["r2"].extra["snapshot_source_id"]
    for x in loaded_lists:
        assert x["loaded_at"].startswith("2026-07-08")
        assert x["entry_count"] == loaded["r2"].extra["lists"][x["id"]]
        assert x["snapshot_source_id"] == snapshot
        assert snapshot in {s["id"] for s in x["sources"]}
