"""`export ftm`: every line is valid FtM, and a round trip through an empty graph keeps every
entity, fact and source (except what FtM cannot carry, listed in exports/ftm.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model

from exports.ftm import export_file
from graph.db import Graph
from loaders.ftm import load_ftm
from tests.conftest import wipe


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return session.run(text, params).data()


def snapshot(graph: Graph) -> dict[str, Any]:
    entities = q(graph, "MATCH (n:Entity) RETURN n.id AS id, n.name AS name, labels(n) AS labels")
    facts = q(
        graph,
        """MATCH (a)-[r]->(b) WHERE r.fact_id IS NOT NULL
           RETURN r.fact_id AS fact_id, type(r) AS type, a.id AS start, b.id AS end,
                  r.share AS share, r.since AS since, r.until AS until,
                  r.citation AS citation, r.quote AS quote, r.source_ids AS source_ids""",
    )
    sources = q(graph, "MATCH (s:Source) RETURN s.id AS id, s.title AS title, s.kind AS kind")
    return {
        "entities": {e["id"]: e for e in entities},
        "facts": {f["fact_id"]: f for f in facts},
        "sources": {s["id"]: s for s in sources},
    }


@pytest.fixture(scope="module")
def round_trip(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from loaders.curated import load_curated

    wipe(graph)
    load_curated(graph)
    before = snapshot(graph)
    path = tmp_path_factory.mktemp("export") / "graph.ftm.json"
    count = export_file(graph, path)
    wipe(graph)
    report = load_ftm(graph, path)
    after = snapshot(graph)
    return {"before": before, "after": after, "path": path, "count": count, "report": report}


def test_every_line_is_valid_ftm(round_trip: dict[str, Any]) -> None:
    lines = round_trip["path"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == round_trip["count"] > 100
    ids = set()
    for line in lines:
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None
        for name in data["properties"]:
            assert name in proxy.schema.properties, (data["schema"], name)
        for required in proxy.schema.required:
            assert data["properties"].get(required), (data["id"], required)
        assert data["id"] not in ids
        ids.add(data["id"])


def test_round_trip_keeps_entities(round_trip: dict[str, Any]) -> None:
    before, after = round_trip["before"], round_trip["after"]
    listed = {f["end"] for f in before["facts"].values() if f["type"] == "LISTED_ON"}
    for entity_id, entity in before["entities"].items():
        if "List" in entity["labels"] and entity_id not in listed:
            continue  # a list with no listing has no FtM form (documented)
        assert entity_id in after["entities"], entity_id
        assert after["entities"][entity_id]["name"] == entity["name"]
        assert set(after["entities"][entity_id]["labels"]) == set(entity["labels"])


# Relations whose other end FtM has no schema for (documented in exports/ftm.py).
NOT_FTM = {"ADMINISTERED_BY", "IN_SECTOR", "BRAND_OF"}


def test_round_trip_keeps_facts_and_citations(round_trip: dict[str, Any]) -> None:
    before, after = round_trip["before"], round_trip["after"]
    lost = []
    for fid, fact in before["facts"].items():
        if fact["type"] in NOT_FTM:
            continue  # lists, sectors and brands are not FtM entities (exports/ftm.py says so)
        if fact["start"] not in after["entities"]:
            lost.append(fid)
            continue
        got = after["facts"].get(fid)
        assert got is not None, fact
        for key in ("type", "start", "end", "share", "since", "until", "citation", "quote"):
            assert got[key] == fact[key], (key, fact, got)
        assert set(fact["source_ids"]) <= set(got["source_ids"])
    assert lost == []


def test_round_trip_keeps_sources(round_trip: dict[str, Any]) -> None:
    before, after = round_trip["before"], round_trip["after"]
    for sid, src in before["sources"].items():
        assert after["sources"].get(sid) == src
    assert not round_trip["report"].rejected


def test_neighbourhood_export(graph: Graph, round_trip: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "hik.ftm.json"
    count = export_file(graph, path, entity_id="company:hikvision", depth=1)
    ids = {json.loads(line)["id"] for line in path.read_text().splitlines()}
    assert count == len(ids) and count < round_trip["count"]
    assert "company.hikvision" in ids and "company.moyu-haishi" in ids
