"""Record time for ownership edges that were deleted, on the real server: load the curated data
on day A, then an edited copy (a test edition, not a claim about the world) without Hikvision's
stakes in Hikrobot, on day B. Until B survgraph held Hikrobot as 60 % owned by Hikvision, whom
the Entity List names, so the BIS Affiliates Rule reached it; the edges are gone from the graph
since, and only their closed versions (:FactRecord) remain. `known_at` before B must still
answer what was answered then (parents, exposure, a screening job); after B, what is answered
now; and the level-by-level walk of a `known_at` answer must equal the path-pattern walk of a
live answer wherever nothing was deleted."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from test_api_support import screen_one

from api.app import create_app
from graph.db import Graph
from loaders.curated import DATA_DIR, load_curated

KEY = "deleted-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
DAY_A = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
DAY_B = datetime(2026, 7, 8, 12, 0, tzinfo=UTC)
BEFORE, AFTER = "2026-07-07", "2026-07-08"
OWNED, OWNER = "company:hikrobot", "company:hikvision"
RULE = "rule:bis-affiliates-50-percent"
AS_OF = "2025-10-15"  # the rule in force (from 2025-09-29 until its suspension of 2025-11-10)


def edition_b(tmp: Path) -> tuple[Path, int]:
    """A copy of data/ without any ownership record from Hikrobot to Hikvision; how many went."""
    data = tmp / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("snapshots"))
    gone = 0
    for path in sorted(data.glob("relations*.yaml")):
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        kept = [r for r in records if (r.get("from"), r.get("to")) != (OWNED, OWNER)]
        gone += len(records) - len(kept)
        path.write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")
    return data, gone


@pytest.fixture(scope="module")
def world(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    graph.run_script("admin/wipe")
    assert not load_curated(graph, started=DAY_A).rejected
    tmp = tmp_path_factory.mktemp("deleted")
    data, gone = edition_b(tmp)
    assert gone >= 1
    report = load_curated(graph, data, started=DAY_B)
    assert not report.rejected and report.extra["pruned_stale_facts"] == gone
    update = {"api_keys": KEY, "screening_dir": tmp / "spool"}
    with TestClient(create_app(graph.settings.model_copy(update=update))) as client:
        yield {"client": client, "gone": gone}


def _parents(client: TestClient, entity: str, **params: str) -> list[tuple[str, str, str]]:
    r = client.get(f"/entities/{entity}", params={"as_of": AS_OF, **params})
    assert r.status_code == 200, r.text
    return [
        (p["entity"]["id"], p["edge"]["type"], p["edge"]["fact_id"]) for p in r.json()["parents"]
    ]


def _derived(client: TestClient, entity: str, **params: str) -> list[dict[str, Any]]:
    r = client.get(f"/entities/{entity}/exposure", params={"as_of": AS_OF, **params})
    assert r.status_code == 200, r.text
    return list(r.json()["derived"])


def test_parents_known_then_include_the_edges_deleted_since(world: dict[str, Any]) -> None:
    client = world["client"]
    then = [p for p in _parents(client, OWNED, known_at=BEFORE) if p[0] == OWNER]
    assert len(then) == world["gone"]  # every deleted record, each with its own fact id
    assert len({fid for _, _, fid in then}) == len(then)
    assert [p for p in _parents(client, OWNED, known_at=AFTER) if p[0] == OWNER] == []
    assert [p for p in _parents(client, OWNED) if p[0] == OWNER] == []


def test_the_rule_reached_it_as_known_then_and_not_since(world: dict[str, Any]) -> None:
    client = world["client"]
    then = [d for d in _derived(client, OWNED, known_at=BEFORE) if d["rule"]["id"] == RULE]
    assert len(then) == 1 and then[0]["outcome"] == "covered", then
    via = {e["to"] for e in then[0]["path"]}
    assert OWNER in via
    assert [d for d in _derived(client, OWNED, known_at=AFTER) if d["rule"]["id"] == RULE] == []
    assert [d for d in _derived(client, OWNED) if d["rule"]["id"] == RULE] == []


def test_the_listed_owner_stands_above_it_as_known_then(world: dict[str, Any]) -> None:
    """/exposure's designations around the entity: Hikvision's, one hop up, as held then."""
    client = world["client"]

    def parents(**params: str) -> list[tuple[str, list[str]]]:
        r = client.get(f"/entities/{OWNED}/exposure", params={"as_of": AS_OF, **params})
        assert r.status_code == 200, r.text
        found = [x for x in r.json()["results"] if x["relation"] == "parent"]
        return [(x["holder"]["id"], [e["to"] for e in x["path"]]) for x in found]

    assert (OWNER, [OWNER]) in parents(known_at=BEFORE)
    assert all(holder != OWNER for holder, _ in parents(known_at=AFTER) + parents())


def test_subsidiary_counts_known_then(world: dict[str, Any]) -> None:
    client = world["client"]

    def count(**params: str) -> dict[str, int]:
        r = client.get(f"/entities/{OWNER}", params={"as_of": AS_OF, **params})
        return dict(r.json()["subsidiaries"])

    then, now = count(known_at=BEFORE), count()
    assert then["direct"] == now["direct"] + 1 and then["total"] >= now["total"] + 1
    assert count(known_at=AFTER) == now


@pytest.mark.parametrize(
    "entity", ["company:hikvision", "company:dahua", "company:hytera", "company:cetc"]
)
def test_the_walk_as_known_after_the_load_equals_the_live_walk(
    world: dict[str, Any], entity: str
) -> None:
    """Nothing about these changed after day B: the two walks must give one answer."""
    client = world["client"]

    def answer(path: str, **params: str) -> dict[str, Any]:
        r = client.get(path, params={"as_of": AS_OF, **params})
        assert r.status_code == 200, r.text
        found = dict(r.json())
        found.pop("known_at", None)
        return found

    for path, params in (
        (f"/entities/{entity}", {}),
        (f"/entities/{entity}/exposure", {}),
        (f"/entities/{entity}/subsidiaries", {}),
        (f"/entities/{entity}/subsidiaries", {"listed": "true", "limit": "3", "offset": "1"}),
        (f"/entities/{entity}/subsidiaries", {"lists": "list:us-bis-entity-list"}),
        (f"/entities/{entity}/timeline", {}),
    ):
        then = answer(path, known_at="2026-12-31", **params)
        assert then == answer(path, **params), (path, params)


def test_subsidiaries_known_then(world: dict[str, Any]) -> None:
    client = world["client"]

    def members(**params: str) -> dict[str, list[str]]:
        r = client.get(f"/entities/{OWNER}/subsidiaries", params={"as_of": AS_OF, **params})
        assert r.status_code == 200, r.text
        return {x["entity"]["id"]: [e["to"] for e in x["path"]] for x in r.json()["results"]}

    then = members(known_at=BEFORE)
    assert then[OWNED] == [OWNER]
    assert OWNED not in members(known_at=AFTER) and OWNED not in members()
    rule = {"reached_by": RULE, "known_at": BEFORE}
    assert client.get(f"/entities/{OWNER}/subsidiaries", params=rule).status_code == 422


def _screen(client: TestClient, **params: str) -> dict[str, Any]:
    hikrobot = 'name\n"Hangzhou Hikrobot Co., Ltd."\n'
    return screen_one(client, AUTH, hikrobot, as_of=AS_OF, **params)


def test_a_screening_job_known_then_is_reached_through_the_deleted_edge(
    world: dict[str, Any],
) -> None:
    client = world["client"]
    then, now = _screen(client, known_at=BEFORE), _screen(client)
    assert then["decision"]["entity"]["id"] == OWNED == now["decision"]["entity"]["id"]
    assert RULE in [d["rule"]["id"] for d in then["exposure"] if d["outcome"] == "covered"]
    assert [d for d in now["exposure"] if d["rule"]["id"] == RULE] == []
