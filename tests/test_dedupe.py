"""`survgraph dedupe` over a graph as loads left it before they resolved records against each
other (one entity per entry), built from real CSL rows; and the judgements it and the load
record: reversible with `review undo`, visible in `/entities/{id}`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from cli.main import main
from graph.db import Graph
from loaders.curated import load_curated
from loaders.pipeline import load
from loaders.plumbing.report import Rejection
from loaders.resolution import get_item, undo
from loaders.sources import CSL as CSL_SOURCE
from loaders.sources import ListRecord
from loaders.sources.csl import iter_csl
from tests.conftest import shared_path, wipe

CSL = ("data", "csl", "consolidated-assembled-2026-07.csv")
# Real rows: one legal person listed on two or three lists, and namesakes that are not one.
WORDS = ("agat", "beltechexport", "state security committee", "mvizion", "cytrox", "mirza")


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


def _some_rows(path: Path) -> Iterator[ListRecord | Rejection]:
    for record in iter_csl(path):
        if isinstance(record, ListRecord) and any(w in record.name.casefold() for w in WORDS):
            yield record


def _old_style_load(graph: Graph) -> int:
    """The rows written as a load that never met its own records wrote them: every entry on
    an entity of its own, made for it ("new"): the pipeline without resolution."""
    source = replace(CSL_SOURCE, records=_some_rows)
    report = load(graph, source, shared_path(*CSL), resolve=False, progress=False)
    return int(report.extra["entries"])


@pytest.fixture(scope="module")
def old_graph(graph: Graph) -> Iterator[tuple[Graph, int]]:
    wipe(graph)
    load_curated(graph)
    yield graph, _old_style_load(graph)


def _entities_of(graph: Graph, names: list[str]) -> set[str]:
    rows = q(
        graph,
        "MATCH (x:Entity)-[r:LISTED_ON]->() WHERE toLower(r.name_as_listed) IN $names "
        "RETURN collect(DISTINCT x.id) AS ids",
        names=[n.lower() for n in names],
    )
    return set(rows[0]["ids"])


AGAT = ["Agat-Electromechanical Plant OJSC", "AGAT ELECTROMECHANICAL PLANT OJSC"]
BTE = ["Beltechexport, CJSC", "CJSC BELTECHEXPORT"]


MOVED = """MATCH (f:FactRecord {end_kind: 'moved', fact_type: 'LISTED_ON'})
OPTIONAL MATCH (:ListEntry {id: f.entry_id})-[:RESOLVED_TO]->(x:Entity)
              -[:LISTED_ON {entry_id: f.entry_id}]->(:List {id: f.fact_end})
RETURN f.fact_start AS start, x.id AS now, f.recorded_at AS from, f.recorded_until AS until"""


def test_dry_run_reports_and_writes_nothing(old_graph: tuple[Graph, int], capsys: Any) -> None:
    graph, entries = old_graph
    assert len(_entities_of(graph, AGAT)) == 2
    capsys.readouterr()
    assert main(["dedupe", "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["entries"] == entries and report["dry_run"]
    assert report["merged"] >= 3 and report["relationships_written"] == 0
    assert len(_entities_of(graph, AGAT)) == 2


def test_dedupe_merges_one_legal_person_and_keeps_namesakes_apart(
    old_graph: tuple[Graph, int], capsys: Any
) -> None:
    graph, _ = old_graph
    capsys.readouterr()
    assert main(["dedupe"]) == 0
    out = capsys.readouterr().out
    assert "merged:" in out and "relationships written" in out
    assert len(_entities_of(graph, AGAT)) == 1
    assert len(_entities_of(graph, BTE)) == 1
    # a one-word namesake in another country with no evidence stays apart
    assert len(_entities_of(graph, ["Mirza and Co.", "MIRZA COMPANY"])) == 2
    left = q(graph, "MATCH (y:Entity)-[m:MERGED_INTO]->(x:Entity) RETURN count(m) AS n")
    assert left[0]["n"] >= 3
    # each designation moved keeps, in record time, where it stood before the dedupe
    moved = q(graph, MOVED)
    assert len(moved) >= 3 and all(m["now"] and m["now"] != m["start"] for m in moved)
    assert all(m["until"] and m["from"] and m["from"] <= m["until"] for m in moved)
    # run again: nothing left to merge
    assert main(["dedupe", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["merged"] == 0


def test_a_merge_is_a_judgement_that_undo_reverses(old_graph: tuple[Graph, int]) -> None:
    graph, _ = old_graph
    (merged,) = _entities_of(graph, AGAT)
    row = q(
        graph,
        "MATCH (e:ListEntry)-[t:RESOLVED_TO {decision: 'match'}]->(x:Entity {id: $id}) "
        "RETURN t.review_id AS review LIMIT 1",
        id=merged,
    )[0]
    item = get_item(graph, row["review"])
    assert item["status"] == "accepted" and item["decided_by"] == "survgraph resolver"
    assert item["explanation"] and item["applied_fact_ids"]
    result = undo(graph, item["id"], by="test")
    assert result["relationships_deleted"] >= 2
    assert get_item(graph, item["id"])["status"] == "pending"
    assert len(_entities_of(graph, AGAT)) == 1  # the other listing still stands
    proposed = json.loads(get_item(graph, item["id"])["proposed_entity_json"])
    assert proposed["id"] != merged  # accepting --new puts it back on the entity it left


def test_entity_shows_names_as_listed_per_list_and_judgements(
    old_graph: tuple[Graph, int],
) -> None:
    graph, _ = old_graph
    (merged,) = _entities_of(graph, BTE)
    with TestClient(create_app()) as client:
        body = client.get(f"/entities/{merged}").json()
    listed = body["names_as_listed"]
    assert {x["list_id"] for x in listed} >= {"list:us-bis-entity-list", "list:us-ofac-sdn"}
    assert {x["name"] for x in listed} >= set(BTE)
    joined = [x for x in listed if x["judgement"]]
    assert joined and all(x["judgement"]["decided_by"] for x in joined)
