"""The watchlist change feed along ownership and exposure paths, on the real server: load the
curated data, watch Hikrobot (held 60 % by Hikvision, on the Entity List, whose Affiliates
Rule reaches owned companies) and Dahua, then load an edited copy of the data (a test edition,
not a claim about the world): Hikvision's stake in Hikrobot restated, one of Hikvision's owner
claims gone, one added, a version of the Affiliates Rule restated. The feed reports each, with
before and after, the path from the member and the sources, for Hikrobot alone; `known_at`
before that load gives none of them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from loaders.curated import DATA_DIR, load_curated

KEY = "paths-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
DAY_A = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
DAY_B = datetime(2026, 7, 8, 12, 0, tzinfo=UTC)
RULE = "rule:bis-affiliates-50-percent"
NEW_NOTE = "Test edition: restated."


def _edit(path: Path, change: Any) -> None:
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(records), allow_unicode=True), encoding="utf-8")


def _ownership(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept = []
    for r in records:
        if (r["from"], r["to"], str(r.get("key"))) == (
            "company:hikrobot", "company:hikvision", "prospectus-2022-09-30",
        ):  # fmt: skip
            r = {**r, "share_text": "55%"}
        if (r["from"], r["to"], str(r.get("key"))) == (
            "company:hikvision", "company:cetc-investment", "2022-06-30",
        ):  # fmt: skip
            continue
        kept.append(r)
    added = {
        "type": "OWNED_BY",
        "from": "company:hikvision",
        "to": "company:cethik",
        "key": "test-edition-b",
        "share_text": "40%",
        "share_as_of": "2026-06-30",
        "share_as_of_precision": "day",
        "source_ids": ["source:greatwall-hikvision-report-studyofnet"],
    }
    return [*kept, added]


def _rules(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for rule in records:
        if rule["id"] == RULE:
            rule["versions"][-1]["note"] = NEW_NOTE
    return records


def edition_b(tmp: Path) -> Path:
    data = tmp / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("snapshots"))
    _edit(data / "relations_ownership.yaml", _ownership)
    _edit(data / "rules.yaml", _rules)
    return data


@pytest.fixture(scope="module")
def world(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    graph.run_script("admin/wipe")
    assert not load_curated(graph, started=DAY_A).rejected
    tmp = tmp_path_factory.mktemp("curated")
    update = {"api_keys": KEY, "screening_dir": tmp / "spool"}
    with TestClient(create_app(graph.settings.model_copy(update=update))) as client:
        members = ["company:hikrobot", "company:dahua"]
        r = client.post("/watchlists", json={"name": "paths", "entity_ids": members}, headers=AUTH)
        assert r.status_code == 201, r.text
        report = load_curated(graph, edition_b(tmp), started=DAY_B)
        assert not report.rejected and report.extra["pruned_stale_facts"] == 1
        found = client.get(r.json()["changes"], params={"since": "2026-07-05"}, headers=AUTH)
        assert found.status_code == 200, found.text
        yield {"client": client, "watch": r.json(), "changes": found.json()["results"]}


def _one(changes: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [c for c in changes if c["kind"] == kind]
    assert len(found) == 1, (kind, found)
    return found[0]


def test_only_the_four_changes_and_only_for_hikrobot(world: dict[str, Any]) -> None:
    got = sorted((c["member"]["id"], c["kind"], c["entity"]["id"]) for c in world["changes"])
    assert got == [
        ("company:hikrobot", "ownership_added", "company:hikvision"),
        ("company:hikrobot", "ownership_ended", "company:hikvision"),
        ("company:hikrobot", "rule_version_changed", "company:hikvision"),
        ("company:hikrobot", "stake_changed", "company:hikrobot"),
    ]
    assert all(c["at"] == DAY_B.isoformat() and c["source_ids"] for c in world["changes"])


def test_a_stake_changed(world: dict[str, Any]) -> None:
    c = _one(world["changes"], "stake_changed")
    assert c["before"]["share_text"] == "60%" and c["after"]["share_text"] == "55%"
    assert not c["via_path"] and c["fact_id"]
    assert [(s["start"], s["end"]) for s in c["path"]] == [
        ("company:hikrobot", "company:hikvision")
    ]
    assert "source:yutainews-2023-03-15-hikrobot-prospectus" in c["source_ids"]


def test_an_ownership_claim_ended(world: dict[str, Any]) -> None:
    c = _one(world["changes"], "ownership_ended")
    assert c["before"]["share_text"] == "2.46%"
    assert c["after"] == {"held": False, "reason": "no longer in the data"}
    assert c["via_path"] and c["path"][0]["start"] == "company:hikrobot"
    assert (c["path"][-1]["start"], c["path"][-1]["end"]) == (
        "company:hikvision", "company:cetc-investment",
    )  # fmt: skip
    assert c["source_ids"] == ["source:greatwall-hikvision-report-studyofnet"]


def test_an_ownership_claim_added(world: dict[str, Any]) -> None:
    c = _one(world["changes"], "ownership_added")
    assert c["before"] is None and c["after"]["share_text"] == "40%"
    assert (c["path"][-1]["end"], c["path"][-1]["share"]) == ("company:cethik", "40%")
    assert c["via_path"] and c["run_id"] == "run:curated-20260708T120000Z"


def test_a_rule_version_changed(world: dict[str, Any]) -> None:
    c = _one(world["changes"], "rule_version_changed")
    assert c["rule_id"] == RULE and c["before"]["status"] == c["after"]["status"]
    assert c["before"]["note"] != NEW_NOTE and c["after"]["note"] == NEW_NOTE
    assert c["path"][-1]["end"] == "company:hikvision"  # the listed owner the rule reaches from
    assert c["source_ids"] == ["source:fr-2025-11-bis-affiliates-suspension"]


def test_known_at_before_the_load_gives_none(world: dict[str, Any]) -> None:
    client, watch = world["client"], world["watch"]
    params = {"since": "2026-07-05", "known_at": "2026-07-07"}
    r = client.get(watch["changes"], params=params, headers=AUTH)
    assert r.status_code == 200 and r.json()["results"] == [] and r.json()["known_at"]
    params["known_at"] = "2026-07-08"
    assert len(client.get(watch["changes"], params=params, headers=AUTH).json()["results"]) == 4


def test_known_at_gives_the_stake_of_the_day(world: dict[str, Any]) -> None:
    client, url = world["client"], "/entities/company:hikrobot"

    def shares(**params: str) -> list[str]:
        """The stakes Hikvision holds in Hikrobot (in the source's words), as of today."""
        found = client.get(url, params=params).json()["parents"]
        hikvision = [x["edge"] for x in found if x["entity"]["id"] == "company:hikvision"]
        return sorted(str((e["share"] or {}).get("text")) for e in hikvision)

    then, now = shares(known_at="2026-07-07"), shares()
    assert "55%" not in then and "55%" in now and len(then) == len(now)
    assert then.count("60%") == now.count("60%") + 1 and shares(known_at="2026-07-08") == now
    for day, want in (("2026-07-07", "60%"), ("2026-07-08", "55%")):
        derived = client.get(f"{url}/exposure", params={"known_at": day}).json()["derived"]
        texts = {(e["share"] or {}).get("text") for d in derived for e in d["path"]}
        assert not texts or want in texts, (day, texts)
