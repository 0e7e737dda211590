"""Record time beside valid time, on the real server: load edition A of a list, then edition B
(tests/test_watchlists.py's editions: one Entity List row gone, Hikvision added); `known_at`
before B's load gives A's answer, after it B's, for an entity's designations, its exposure and
a screening job. Reloading an edition records nothing new: the facts keep their record time and
no closed version is added."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import screen_one
from test_watchlists import HIKVISION, editions, entity_of_entry

from api.app import create_app
from graph.db import Graph
from loaders.curated import load_curated
from loaders.pipeline import load
from loaders.sources import CSL

KEY = "record-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
DAY_0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DAY_A = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
DAY_A2 = datetime(2026, 7, 3, 12, 0, tzinfo=UTC)
DAY_B = datetime(2026, 7, 8, 12, 0, tzinfo=UTC)
DAY_B2 = datetime(2026, 7, 9, 12, 0, tzinfo=UTC)
AS_OF = "2026-07-20"


def listed_on(graph: Graph) -> dict[str, dict[str, Any]]:
    """Every LISTED_ON of the list loads by entry id, with all its properties."""
    rows = graph.driver.execute_query(
        "MATCH ()-[r:LISTED_ON]->() WHERE r.origin <> 'curated' "
        "RETURN r.entry_id AS id, properties(r) AS props",
        database_=graph.database,
    ).records
    return {str(r["id"]): dict(r["props"]) for r in rows}


def fact_records(graph: Graph) -> list[dict[str, Any]]:
    rows = graph.driver.execute_query(
        "MATCH (f:FactRecord) RETURN properties(f) AS f ORDER BY f.fact_id",
        database_=graph.database,
    ).records
    return [dict(r["f"]) for r in rows]


@pytest.fixture(scope="module")
def world(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    graph.run_script("admin/wipe")
    assert not load_curated(graph, started=DAY_0).rejected
    tmp = tmp_path_factory.mktemp("editions")
    a, b, gone = editions(tmp)
    load(graph, CSL, a, started=DAY_A, progress=False)
    once = listed_on(graph)
    load(graph, CSL, a, started=DAY_A2, progress=False)
    twice = listed_on(graph)
    records_after_a = fact_records(graph)
    load(graph, CSL, b, started=DAY_B, progress=False)
    after_b = listed_on(graph), fact_records(graph)
    load(graph, CSL, b, started=DAY_B2, progress=False)
    again = listed_on(graph), fact_records(graph)
    update = {"api_keys": KEY, "screening_dir": tmp / "spool"}
    with TestClient(create_app(graph.settings.model_copy(update=update))) as client:
        yield {
            "client": client,
            "delisted": entity_of_entry(graph, gone["name"].strip()),
            "gone": gone,
            "a": (once, twice, records_after_a),
            "b": (after_b, again),
        }


def test_a_reload_keeps_record_time_and_closes_nothing(world: dict[str, Any]) -> None:
    once, twice, records = world["a"]
    assert once == twice  # every property, record time included
    assert records == []
    assert {p["recorded_at"] for p in once.values()} == {DAY_A.isoformat()}
    assert all(p["first_recorded_at"] == DAY_A.isoformat() for p in once.values())
    (after_b, records_b), (again, records_again) = world["b"]
    assert after_b == again and records_b == records_again


def test_edition_b_closes_the_ended_claim_and_stamps_the_new_one(world: dict[str, Any]) -> None:
    once, _, _ = world["a"]
    (after_b, records), _ = world["b"]
    assert len(records) == 1
    closed = records[0]
    assert closed["fact_type"] == "LISTED_ON" and closed["fact_start"] == world["delisted"]
    assert closed["recorded_at"] == DAY_A.isoformat()
    assert closed["recorded_until"] == DAY_B.isoformat() and closed.get("until") is None
    ended = after_b[closed["entry_id"]]
    assert ended["until"] == "2026-07-08" and ended["recorded_at"] == DAY_B.isoformat()
    assert ended["first_recorded_at"] == DAY_A.isoformat()
    added = set(after_b) - set(once)
    assert len(added) == 1 and after_b[added.pop()]["recorded_at"] == DAY_B.isoformat()

    def stated(props: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in props.items() if k != "source_ids"}  # B's snapshot cites too

    unchanged = [k for k in once if k != closed["entry_id"]]
    assert [stated(after_b[k]) for k in unchanged] == [stated(once[k]) for k in unchanged]


def _claims(answer: dict[str, Any], list_id: str) -> list[dict[str, Any]]:
    return [c for d in answer["designations"] if d["list"]["id"] == list_id for c in d["claims"]]


def _in_force(client: TestClient, entity: str, **params: str) -> bool:
    r = client.get(f"/entities/{entity}", params={"as_of": AS_OF, **params})
    assert r.status_code == 200, r.text
    return bool(r.json()["listed"])


def test_known_at_gives_the_answer_of_the_day(world: dict[str, Any]) -> None:
    client, delisted = world["client"], world["delisted"]
    assert _in_force(client, delisted, known_at="2026-07-05")  # A: listed
    assert _in_force(client, delisted, known_at="2026-07-07")
    assert not _in_force(client, delisted, known_at="2026-07-08")  # B loaded that day
    assert not _in_force(client, delisted)  # now
    before_a = client.get(f"/entities/{delisted}", params={"known_at": "2026-06-15"}).json()
    assert before_a["designations"] == [] and before_a["known_at"] == "2026-06-15"


def test_known_at_hides_what_was_recorded_later(world: dict[str, Any]) -> None:
    client = world["client"]
    el = next(
        d["list"]["id"] for d in client.get(f"/entities/{world['delisted']}").json()["designations"]
    )

    def loaded(**params: str) -> list[str | None]:
        """The names of the claims the list loads (not the curated data) give Hikvision."""
        r = client.get("/entities/company:hikvision", params={"as_of": AS_OF, **params})
        return [c["name_as_listed"] for c in _claims(r.json(), el) if c["origin"] == "csl"]

    assert loaded(known_at="2026-07-05") == []
    assert loaded(known_at="2026-07-08") == [HIKVISION] == loaded()


def test_exposure_known_at(world: dict[str, Any]) -> None:
    client, delisted = world["client"], world["delisted"]
    url = f"/entities/{delisted}/exposure"
    then = client.get(url, params={"as_of": AS_OF, "known_at": "2026-07-05"}).json()
    now = client.get(url, params={"as_of": AS_OF}).json()
    assert then["direct"] and then["known_at"] == "2026-07-05"
    assert now["direct"] == [] and now["direct_not_in_force"]
    recorded = then["direct"][0]["claims"][0]["properties"]
    assert recorded["recorded_at"] == DAY_A.isoformat()
    assert recorded["recorded_until"] == DAY_B.isoformat()
    assert "version" not in recorded and "fact_type" not in recorded


def _screen(client: TestClient, name: str, **params: str) -> dict[str, Any]:
    return screen_one(client, AUTH, f"name\n{name}\n", as_of=AS_OF, **params)


def test_a_screening_job_known_at(world: dict[str, Any]) -> None:
    client, name = world["client"], world["gone"]["name"].strip()
    then = _screen(client, name, known_at="2026-07-05")
    now = _screen(client, name)
    assert then["decision"]["entity"]["id"] == world["delisted"]
    assert then["designations"] and now["designations"] == []
    assert then["coverage"]["known_at"] == "2026-07-05" and now["coverage"]["known_at"] is None
    r = client.post(
        "/screenings", params={"known_at": "July"}, content="name\nx\n",
        headers={**AUTH, "Content-Type": "text/csv"},
    )  # fmt: skip
    assert r.status_code == 422


def test_entities_carry_when_they_were_first_recorded(graph: Graph, world: dict[str, Any]) -> None:
    rows = graph.driver.execute_query(
        "MATCH (n:Entity) RETURN n.first_recorded_at AS at, "
        "n.created_by_source IS NULL AS curated, count(*) AS n",
        database_=graph.database,
    ).records
    stamps = {(r["curated"], r["at"]): r["n"] for r in rows}
    assert stamps[(True, DAY_0.isoformat())] > 100
    made = {at for curated, at in stamps if not curated}
    assert made and made <= {DAY_A.isoformat(), DAY_B.isoformat()}  # reloads restamp nothing


def made_by_edition_a(graph: Graph) -> list[Any]:
    """The entities edition A's load created (id, name), in id order."""
    return list(
        graph.driver.execute_query(
            "MATCH (n:Entity {first_recorded_at: $at}) WHERE n.created_by_source IS NOT NULL "
            "RETURN n.id AS id, n.name AS name ORDER BY n.id",
            at=DAY_A.isoformat(),
            database_=graph.database,
        ).records
    )


def test_known_at_resolves_among_the_entities_recorded_by_then(
    graph: Graph, world: dict[str, Any]
) -> None:
    """A name of an entity edition A created resolves to nothing before A's load (the index
    did not hold it then), to it from that day on; a job with `known_at` decides the same."""
    made = made_by_edition_a(graph)
    assert made
    client = world["client"]
    names = [str(r["name"]) for r in made]

    def decided(known_at: str | None) -> list[str | None]:
        body: dict[str, Any] = {"names": names[:200], "known_at": known_at}
        r = client.post("/resolve", json=body)
        assert r.status_code == 200, r.text
        assert r.json()["known_at"] == known_at
        return [
            x["entity"]["id"] if x["decision"] == "match" else None for x in r.json()["results"]
        ]

    ids = [str(r["id"]) for r in made][:200]
    now, then, before = decided(None), decided("2026-07-01"), decided("2026-06-15")
    assert sum(a == b for a, b in zip(now, ids, strict=True)) >= 0.9 * len(ids)
    assert then == now
    assert not set(ids) & set(before)
    screened = _screen(world["client"], names[0], known_at="2026-06-15")
    assert (screened["decision"]["entity"] or {}).get("id") != ids[0]
    later = _screen(world["client"], names[0], known_at="2026-07-01")
    assert later["decision"] == _screen(world["client"], names[0])["decision"]


def test_known_at_resolves_by_the_names_held_then(graph: Graph, world: dict[str, Any]) -> None:
    """A name a load's judgement joined to an entity survgraph already held (an edition's row
    matched to a curated company adds the row's names) leads to that entity from the load on,
    never before it: on that day the index held no such name."""
    rows = graph.driver.execute_query(
        "MATCH (r:ReviewItem) WHERE r.decided_at IN $at "
        "AND size(coalesce(r.applied_aliases, [])) > 0 "
        "RETURN r.chosen_id AS id, r.applied_aliases AS names, r.decided_at AS at",
        at=[DAY_A.isoformat(), DAY_B.isoformat()],
        database_=graph.database,
    ).records
    assert rows
    client = world["client"]

    def best(name: str, known_at: str | None) -> tuple[str | None, str | None]:
        """The best candidate and the name of it that led there."""
        r = client.post("/resolve", json={"names": [name], "known_at": known_at})
        assert r.status_code == 200, r.text
        found = r.json()["results"][0]
        first = found["candidates"][0]["id"] if found["candidates"] else None
        return first, found["alias"]

    led_now = 0
    for row in rows:
        loaded = DAY_A if row["at"] == DAY_A.isoformat() else DAY_B
        day_before = (loaded - timedelta(days=1)).date().isoformat()
        for name in row["names"]:
            assert best(name, day_before) != (row["id"], name), (name, row["id"])
            led_now += best(name, None) == (row["id"], name)
    assert led_now  # the names do lead there now, so the check above could fail


def test_a_list_as_known_then(world: dict[str, Any]) -> None:
    """/lists/{id}/entities with `known_at`: the entities on the list as survgraph had
    recorded it by then (the row edition B dropped is still there before B's load)."""
    client = world["client"]
    el = next(
        d["list"]["id"] for d in client.get(f"/entities/{world['delisted']}").json()["designations"]
    )

    def on_list(**params: str) -> set[str]:
        found: list[str] = []
        while True:
            page = {"as_of": AS_OF, "limit": "500", "offset": str(len(found)), **params}
            r = client.get(f"/lists/{el}/entities", params=page)
            assert r.status_code == 200, r.text
            found += [x["entity"]["id"] for x in r.json()["results"]]
            if len(found) >= r.json()["total"]:
                return set(found)

    then, now = on_list(known_at="2026-07-05"), on_list()
    assert world["delisted"] in then and world["delisted"] not in now
    assert then - now == {world["delisted"]} and now <= then  # B's new row was a curated one
    assert on_list(known_at="2026-07-08") == now
    r = client.get(f"/lists/{el}/entities", params={"known_at": "2026-07-05"})
    assert r.json()["known_at"] == "2026-07-05"

    def counted(**params: str) -> dict[str, Any]:
        r = client.get("/lists", params={"as_of": AS_OF, "limit": "500", **params})
        assert r.status_code == 200, r.text
        return {x["id"]: x for x in r.json()["results"]}

    lists_then, lists_now = counted(known_at="2026-07-05"), counted()
    assert lists_then[el]["in_force"] == len(then)
    assert lists_now[el]["in_force"] == len(now)
    assert counted(known_at="2026-07-08") == lists_now
    before_lists = counted(known_at="2026-06-15")  # the CSL editions came later
    assert before_lists[el]["recorded"] < lists_now[el]["recorded"]
    assert all(x["recorded"] == 0 for x in counted(known_at="2026-05-31").values())


def test_search_known_at(graph: Graph, world: dict[str, Any]) -> None:
    """/search with `known_at`: an entity edition A created is not found before A's load."""
    made = made_by_edition_a(graph)[:20]
    client = world["client"]

    def found(name: str, **params: str) -> set[str]:
        r = client.get("/search", params={"q": name, "limit": "50", **params})
        assert r.status_code == 200, r.text
        return {x["id"] for x in r.json()["results"]}

    hits = 0
    for row in made:
        assert row["id"] not in found(row["name"], known_at="2026-06-15")
        now = row["id"] in found(row["name"])
        assert (row["id"] in found(row["name"], known_at="2026-07-01")) == now
        hits += now
    assert hits  # found now, so the first check could fail


def test_timeline_known_at(world: dict[str, Any]) -> None:
    """The row edition B ended: its end is an event from B's load on, not before."""
    client, delisted = world["client"], world["delisted"]

    def kinds(**params: str) -> list[str]:
        r = client.get(f"/entities/{delisted}/timeline", params={"as_of": AS_OF, **params})
        assert r.status_code == 200, r.text
        return [e["kind"] for e in r.json()["results"]]

    now, then = kinds(), kinds(known_at="2026-07-05")
    assert "designation_ended" in now and "designation_ended" not in then
    assert "designation_added" in then and kinds(known_at="2026-07-08") == now
    assert kinds(known_at="2026-06-15") == []  # nothing recorded about it before A


def test_a_sector_vendor_carries_the_designations_held_then(world: dict[str, Any]) -> None:
    """Edition B put Hikvision on the Entity List: a sector's answer as known before B's load
    gives Hikvision A's designations, after it B's (the live answer)."""
    client = world["client"]
    el = next(
        d["list"]["id"] for d in client.get(f"/entities/{world['delisted']}").json()["designations"]
    )

    def on_el(**params: str) -> list[tuple[str | None, tuple[str, ...]]]:
        r = client.get(
            "/sectors/sector:video-surveillance/entities", params={"as_of": AS_OF, **params}
        )
        assert r.status_code == 200, r.text
        vendor = next(v for v in r.json()["results"] if v["entity"]["id"] == "company:hikvision")
        return [
            (d.get("since"), tuple(d["source_ids"]))
            for d in vendor["designations"]
            if d["list"]["id"] == el
        ]

    then, after, now = on_el(known_at="2026-07-05"), on_el(known_at="2026-07-08"), on_el()
    assert after == now
    assert len(then) < len(now)
    assert set(then) < set(now)
