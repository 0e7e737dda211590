"""Record time for ownership edges that were deleted, on the real server: load the curated data
on day A, then an edited copy (a test edition, not a claim about the world) without Hikvision's
stakes in Hikrobot, on day B. Until B survgraph held Hikrobot as 60 % owned by Hikvision, whom
the Entity List names, so the BIS Affiliates Rule reached it; the edges are gone from the graph
since, and only their closed versions (:FactRecord) remain. `known_at` before B must still
answer what was answered then (parents, exposure, a screening job); after B, what is answered
now; and the level-by-level walk of a `known_at` answer must equal the path-pattern walk of a
live answer wherever nothing was deleted."""

from __future__ import annotations

import random
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


KEDA, VIDEO = "company:keda", "sector:video-surveillance"
NEW_ALIAS = "Hikrobot Edition B Test Name"  # a name of the test edition, not of the world


def edition_b(tmp: Path) -> tuple[Path, int, dict[str, Any]]:
    """A copy of data/ without any ownership record from Hikrobot to Hikvision, nor the claim
    that puts Keda in video surveillance, nor the first dated SUBSIDIARY_OF record (a timeline
    event), and with a test alias for Hikrobot; how many Hikrobot records went, and that dated
    record."""
    data = tmp / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("snapshots"))
    files = {
        path: yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for path in sorted(data.glob("relations*.yaml"))
    }
    dated = next(
        r
        for rs in files.values()
        for r in rs
        if r.get("type") == "SUBSIDIARY_OF" and r.get("since")
    )
    companies = data / "companies.yaml"
    records = yaml.safe_load(companies.read_text(encoding="utf-8"))
    for record in records:
        if record["id"] == OWNED:
            record["aliases"] = [*record.get("aliases", []), NEW_ALIAS]
    companies.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    gone = 0
    for path, records in files.items():
        kept = [
            r
            for r in records
            if (r.get("from"), r.get("to")) not in {(OWNED, OWNER), (KEDA, VIDEO)}
            and r is not dated
        ]
        gone += sum(1 for r in records if (r.get("from"), r.get("to")) == (OWNED, OWNER))
        path.write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")
    return data, gone, dated


@pytest.fixture(scope="module")
def world(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    graph.run_script("admin/wipe")
    assert not load_curated(graph, started=DAY_A).rejected
    tmp = tmp_path_factory.mktemp("deleted")
    data, gone, dated = edition_b(tmp)
    assert gone >= 1
    report = load_curated(graph, data, started=DAY_B)
    assert not report.rejected and report.extra["pruned_stale_facts"] == gone + 2
    update = {"api_keys": KEY, "screening_dir": tmp / "spool"}
    with TestClient(create_app(graph.settings.model_copy(update=update))) as client:
        yield {"client": client, "gone": gone, "graph": graph, "dated": dated}


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
        (f"/entities/{entity}/subsidiaries", {"reached_by": RULE}),
        (f"/entities/{entity}/subsidiaries", {"reached_by": "rule:fcc-covered-list-affiliates"}),
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


def _reached(client: TestClient, root: str, **params: str) -> dict[str, Any]:
    query = {"as_of": AS_OF, "reached_by": RULE, **params}
    r = client.get(f"/entities/{root}/subsidiaries", params=query)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_the_rule_reached_the_subsidiary_as_known_then(world: dict[str, Any]) -> None:
    """A rule's reach as held then: the 60 % stake deleted since still carried it."""
    client = world["client"]
    then = {x["entity"]["id"]: x for x in _reached(client, OWNER, known_at=BEFORE)["results"]}
    assert then[OWNED]["derived"]["outcome"] == "covered"
    assert [e["to"] for e in then[OWNED]["path"]] == [OWNER]
    for now in (_reached(client, OWNER, known_at=AFTER), _reached(client, OWNER)):
        assert OWNED not in {x["entity"]["id"] for x in now["results"]}


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


def _paths(client: TestClient, source: str, target: str, **params: str) -> dict[str, Any]:
    r = client.get(
        "/paths", params={"from": source, "to": target, "as_of": AS_OF, "limit": "100", **params}
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


def _path_keys(answer: dict[str, Any]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each path by its nodes and its edges' fact ids, in a fixed order (ALL SHORTEST gives
    no order of its own)."""
    return sorted(
        (
            tuple(n["id"] for n in p["nodes"]),
            tuple(str(e.get("fact_id") or e["type"]) for e in p["edges"]),
        )
        for p in answer["results"]
    )


def test_the_shortest_path_known_then_runs_over_the_deleted_edge(world: dict[str, Any]) -> None:
    client = world["client"]
    then = _paths(client, OWNED, OWNER, known_at=BEFORE)
    assert then["known_at"] == BEFORE
    assert {p["length"] for p in then["results"]} == {1}
    assert len(then["results"]) == world["gone"]
    assert {p["edges"][0]["type"] for p in then["results"]} <= {"SUBSIDIARY_OF", "OWNED_BY"}
    for path in then["results"]:
        edge = path["edges"][0]
        assert edge["source_ids"] and [s["id"] for s in edge["sources"]] == edge["source_ids"]
        assert all(s["found"] for s in edge["sources"])
    for now in (_paths(client, OWNED, OWNER, known_at=AFTER), _paths(client, OWNED, OWNER)):
        assert all(p["length"] > 1 for p in now["results"]), now["message"]


def test_the_path_to_the_list_known_then_goes_through_the_owner(world: dict[str, Any]) -> None:
    client = world["client"]
    bis = "list:us-bis-entity-list"
    then = _paths(client, OWNED, bis, known_at=BEFORE, rel="SUBSIDIARY_OF,OWNED_BY,LISTED_ON")
    assert then["results"], then["message"]
    assert {tuple(n["id"] for n in p["nodes"]) for p in then["results"]} == {(OWNED, OWNER, bis)}
    assert then["results"][0]["edges"][-1]["type"] == "LISTED_ON"
    back = _paths(client, bis, OWNED, known_at=BEFORE, rel="SUBSIDIARY_OF,OWNED_BY,LISTED_ON")
    assert _path_keys(back) == sorted((k[::-1], f[::-1]) for k, f in _path_keys(then))
    assert not _paths(client, OWNED, bis, rel="SUBSIDIARY_OF,OWNED_BY,LISTED_ON")["results"]


@pytest.mark.parametrize(
    ("source", "target", "rel"),
    [
        ("company:urumqi-haishi-xinan", "company:hikvision", ""),
        ("company:urumqi-haishi-xinan", "list:us-bis-entity-list", ""),
        ("list:us-fcc-covered-list", "company:dahua", ""),
        ("company:cetc", "company:hikvision", "SUBSIDIARY_OF,OWNED_BY,CONTROLLED_BY"),
        ("company:dahua", "company:hikvision", ""),
    ],
)
def test_paths_as_known_after_the_load_equal_the_live_paths(
    world: dict[str, Any], source: str, target: str, rel: str
) -> None:
    """The breadth-first search of a `known_at` answer against ALL SHORTEST of the live one."""
    client = world["client"]
    extra = {"rel": rel} if rel else {}
    then = _paths(client, source, target, known_at="2026-12-31", **extra)
    now = _paths(client, source, target, **extra)
    assert not now["truncated"] and not then["truncated"] and now["results"]
    assert then.pop("known_at") == "2026-12-31" and now.pop("known_at") is None
    assert then == now  # the paths in one order, each edge with its sources


def test_paths_as_known_equal_the_live_paths_between_sampled_pairs(world: dict[str, Any]) -> None:
    """Pairs sampled (seeded) among those joined by at most 3 edges of any kind, asked in both
    directions, over the default and a narrower set of edge types: the breadth-first search
    and ALL SHORTEST must agree on every one (most have a path, some of several lengths)."""
    graph: Graph = world["graph"]
    rows, _, _ = graph.driver.execute_query(
        "MATCH (a:Entity)-[*1..3]-(b:Entity) WHERE NOT a:List AND a.id < b.id "
        "RETURN DISTINCT a.id AS a, b.id AS b ORDER BY a, b",
        database_=graph.database,
    )
    pairs = [(r["a"], r["b"]) for r in rows]
    sample = random.Random(25).sample(pairs, 40)
    client, lengths = world["client"], set()
    for i, (source, target) in enumerate(sample):
        ends = (source, target) if i % 2 else (target, source)
        extra = {"max_hops": "6", **({"rel": "SUBSIDIARY_OF,OWNED_BY,LOCATED_IN"} if i % 3 else {})}
        now = _paths(client, *ends, **extra)
        then = _paths(client, *ends, known_at="2026-12-31", **extra)
        then.pop("known_at"), now.pop("known_at")
        assert now["truncated"] or then == now, ends
        lengths |= {p["length"] for p in now["results"]}
    assert len(lengths) >= 3, lengths


SECTORS = [
    "sector:video-surveillance",
    "sector:facial-recognition",
    "sector:telecommunications-equipment",
    "sector:drones",
]


@pytest.mark.parametrize("sector", SECTORS)
def test_a_sector_as_known_after_the_load_equals_the_live_answer(
    world: dict[str, Any], sector: str
) -> None:
    client = world["client"]
    for params in ({}, {"listed": "true"}, {"limit": "2", "offset": "1"}):
        now = _sector(client, sector, **params)
        then = _sector(client, sector, known_at="2026-12-31", **params)
        assert then.pop("known_at") == "2026-12-31" and now.pop("known_at") is None
        assert then == now, params
    assert any(v["members"] for v in _sector(client, sector)["results"]) or sector != SECTORS[0]


def test_sectors_known_before_any_load_hold_nothing(world: dict[str, Any]) -> None:
    """Sector claims and designations are recorded facts: before day A nothing was."""
    client = world["client"]
    before = "2026-06-30"  # day A is 2026-07-01
    r = client.get("/sectors", params={"as_of": AS_OF, "known_at": before})
    assert r.status_code == 200, r.text
    then = r.json()["results"]
    assert then and all(s["vendors"] == 0 and s["listed"] == 0 for s in then)
    live = client.get("/sectors", params={"as_of": AS_OF}).json()["results"]
    assert all(s["vendors"] > 0 for s in live) and any(s["listed"] > 0 for s in live)
    after = client.get("/sectors", params={"as_of": AS_OF, "known_at": "2026-12-31"}).json()
    assert after["results"] == live
    assert _sector(client, SECTORS[0], known_at=before)["results"] == []
    assert _sector(client, SECTORS[0], known_at="2026-07-01")["results"]


def test_a_sector_claim_taken_out_is_held_as_known_before(world: dict[str, Any]) -> None:
    client = world["client"]

    def vendors(**params: str) -> dict[str, list[str]]:
        found = _sector(client, VIDEO, **params)["results"]
        return {v["entity"]["id"]: [c["quote"] for c in v["claims"]] for v in found}

    def count(**params: str) -> int:
        r = client.get("/sectors", params={"as_of": AS_OF, **params})
        return next(int(s["vendors"]) for s in r.json()["results"] if s["sector"]["id"] == VIDEO)

    then = vendors(known_at=BEFORE)
    assert len(then[KEDA]) == 1 and then[KEDA][0]
    assert KEDA not in vendors(known_at=AFTER) and KEDA not in vendors()
    assert count(known_at=BEFORE) == count() + 1


def test_a_deleted_link_is_in_the_timeline_as_known_before(world: dict[str, Any]) -> None:
    """The timeline's branch for ownership links deleted since reads their FactRecords."""
    client, dated = world["client"], world["dated"]

    def events(entity: str, **params: str) -> set[tuple[str, str, str]]:
        r = client.get(f"/entities/{entity}/timeline", params=params)
        assert r.status_code == 200, r.text
        return {(e["kind"], e["date"], e["subject"]["id"]) for e in r.json()["results"]}

    since = str(dated["since"])
    child = ("became_subsidiary_of", since, dated["to"])
    parent = ("subsidiary_founded_or_acquired", since, dated["from"])
    assert child in events(dated["from"], known_at=BEFORE)
    assert parent in events(dated["to"], known_at=BEFORE)
    for params in ({"known_at": AFTER}, {}):
        assert child not in events(dated["from"], **params)
        assert parent not in events(dated["to"], **params)


def test_an_alias_data_gained_later_resolves_only_from_that_load(world: dict[str, Any]) -> None:
    client = world["client"]

    def resolved(**params: str) -> dict[str, Any]:
        r = client.post("/resolve", json={"names": [NEW_ALIAS], **params})
        assert r.status_code == 200, r.text
        return dict(r.json()["results"][0])

    now, after = resolved(), resolved(known_at=AFTER)
    assert (now["entity"]["id"], now["alias"], now["decision"]) == (OWNED, NEW_ALIAS, "match")
    assert (after["entity"]["id"], after["alias"]) == (OWNED, NEW_ALIAS)
    then = resolved(known_at=BEFORE)
    assert then["alias"] != NEW_ALIAS and then["decision"] != "match", then
    assert f"name '{NEW_ALIAS}' recorded later" in then["explanation"]


def _sector(client: TestClient, sector: str, **params: str) -> dict[str, Any]:
    r = client.get(f"/sectors/{sector}/entities", params={"as_of": AS_OF, **params})
    assert r.status_code == 200, r.text
    return dict(r.json())
