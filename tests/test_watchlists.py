"""Watchlists on the real server: load edition A of a list, watch some entities, load edition
B: the changes name exactly the members B affects, directly or through a parent, and nothing
else; the same graph gives the same answer and ETag; only the creating key sees the list."""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from loaders.curated import load_curated
from loaders.pipeline import load
from loaders.sources import CSL
from tests.conftest import shared_path

KEY, OTHER = "watch-key", "other-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
SAMPLE = ("data", "csl_samples", "watchman_cslustest_consolidated.csv")
DAY_A = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
DAY_B = datetime(2026, 7, 8, 12, 0, tzinfo=UTC)
HIKVISION = "Hangzhou Hikvision Digital Technology Co., Ltd."


def editions(tmp: Path) -> tuple[Path, Path, dict[str, str]]:
    """A: the sample; B: one Entity List row gone, and Hikvision added to the Entity List."""
    with shared_path(*SAMPLE).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    gone = next(r for r in rows if "(EL)" in r["source"])
    added = {k: "" for k in header} | {
        "_id": "f" * 56,
        "source": gone["source"],
        "name": HIKVISION,
        "federal_register_notice": "84 FR 54002, 10/09/19",
        "start_date": "2019-10-09",
        "source_list_url": gone["source_list_url"],
    }
    b = [r for r in rows if r is not gone] + [added]
    paths = []
    for name, content in (("a.csv", rows), ("b.csv", b)):
        path = tmp / name
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=header)
            writer.writeheader()
            writer.writerows(content)
        paths.append(path)
    return paths[0], paths[1], gone


def entity_of_entry(graph: Graph, name: str) -> str:
    rows = graph.driver.execute_query(
        "MATCH (x:Entity)-[r:LISTED_ON]->() MATCH (e:ListEntry {id: r.entry_id, name: $name}) "
        "RETURN DISTINCT x.id AS id",
        {"name": name},
        database_=graph.database,
    ).records
    assert len(rows) == 1, rows
    return str(rows[0]["id"])


@pytest.fixture(scope="module")
def world(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    graph.run_script("admin/wipe")  # the curated data recorded before edition A
    assert not load_curated(graph, started=DAY_A - timedelta(days=30)).rejected
    tmp = tmp_path_factory.mktemp("editions")
    a, b, gone = editions(tmp)
    load(graph, CSL, a, started=DAY_A, progress=False)
    delisted = entity_of_entry(graph, gone["name"].strip())
    update = {"api_keys": f"{KEY},{OTHER}", "screening_dir": tmp / "spool"}
    with TestClient(create_app(graph.settings.model_copy(update=update))) as client:
        members = [delisted, "company:hikrobot", "company:dahua"]
        r = client.post(
            "/watchlists", json={"name": "suppliers", "entity_ids": members}, headers=AUTH
        )
        assert r.status_code == 201, r.text
        watch = r.json()
        load(graph, CSL, b, started=DAY_B, progress=False)
        yield {"client": client, "watch": watch, "delisted": delisted, "gone": gone}


def test_changes_name_exactly_the_affected_members(world: dict[str, Any]) -> None:
    client, watch = world["client"], world["watch"]
    assert [x["id"] for x in watch["members"]][1:] == ["company:hikrobot", "company:dahua"]
    r = client.get(watch["changes"], params={"since": "2026-07-05"}, headers=AUTH)
    assert r.status_code == 200, r.text
    found = r.json()["results"]
    got = {(c["member"]["id"], c["entity"]["id"], c["kind"], c["via_path"]) for c in found}
    assert got == {
        (world["delisted"], world["delisted"], "listing_ended", False),
        ("company:hikrobot", "company:hikvision", "listing_added", True),
    }
    ended = next(c for c in found if c["kind"] == "listing_ended")
    assert ended["before"]["listed"] and ended["after"] == {
        "listed": False, "until": "2026-07-08", "reason": "absent from reload",
    }  # fmt: skip
    added = next(c for c in found if c["kind"] == "listing_added")
    assert added["before"] is None and added["after"]["name"] == HIKVISION
    assert added["path"][0]["start"] == "company:hikrobot"
    assert added["path"][-1]["end"] == "company:hikvision" and added["path"][0]["source_ids"]
    assert all(c["source_ids"] and c["run_id"] for c in found)
    everything = client.get(watch["changes"], params={"since": "2026-06-01"}, headers=AUTH)
    assert everything.json()["total"] > len(found)  # edition A's additions, before


def test_the_same_graph_gives_the_same_etag(world: dict[str, Any]) -> None:
    client, watch = world["client"], world["watch"]
    params = {"since": "2026-07-05"}
    first = client.get(watch["changes"], params=params, headers=AUTH)
    second = client.get(watch["changes"], params=params, headers=AUTH)
    assert first.text == second.text and first.headers["etag"] == second.headers["etag"]
    again = {**AUTH, "If-None-Match": first.headers["etag"]}
    assert client.get(watch["changes"], params=params, headers=again).status_code == 304


def test_only_the_creating_key_sees_a_watchlist(world: dict[str, Any]) -> None:
    client, watch = world["client"], world["watch"]
    other = {"Authorization": f"Bearer {OTHER}"}
    assert client.get(f"/watchlists/{watch['id']}", headers=other).status_code == 404
    assert (
        client.get(watch["changes"], params={"since": "2026-07-05"}, headers=other).status_code
        == 404
    )
    assert client.get(f"/watchlists/{watch['id']}").status_code == 401
    unknown = {"name": "x", "entity_ids": ["company:nope"]}
    assert client.post("/watchlists", json=unknown, headers=AUTH).status_code == 404


def test_a_watchlist_from_a_screening_job(world: dict[str, Any]) -> None:
    client = world["client"]
    headers = {**AUTH, "Content-Type": "text/csv"}
    job = client.post("/screenings", content="name\nHikrobot\nAcme Widgets\n", headers=headers)
    assert job.status_code == 202
    deadline = time.monotonic() + 60
    while client.get(job.headers["location"], headers=AUTH).json()["status"] != "done":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    r = client.post(
        "/watchlists", json={"name": "from job", "screening": job.json()["id"]}, headers=AUTH
    )
    assert r.status_code == 201, r.text
    assert [x["id"] for x in r.json()["members"]] == ["company:hikrobot"]
