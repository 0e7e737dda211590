"""The review queue: items filed by the FtM and article loaders, accept, undo, reject, and a
rejected pair that is never matched again."""

from __future__ import annotations

import json
from typing import Any

import pytest

from graph.db import Graph
from graph.errors import BadRequest
from loaders.ftm import load_ftm
from loaders.resolution import GraphResolver, accept, get_item, list_items, reject, undo
from tests.conftest import shared_path, wipe
from tests.test_ftm_fixtures import small_file

PISHAN = "Pishan Haishi Electronic Technology Co., Ltd."


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return session.run(text, params).data()


@pytest.fixture(scope="module")
def queued(graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from loaders.article import load_article
    from loaders.curated import load_curated

    wipe(graph)
    load_curated(graph)
    path = small_file(tmp_path_factory.mktemp("review"))
    load_ftm(graph, path)
    load_article(
        graph,
        shared_path("seeds", "reuters-2024-12-hikvision-exits-five-xinjiang-contracts.txt"),
        publisher="Reuters",
    )
    items = {i["input"]: i for i in list_items(graph)}
    return {"path": path, "items": items}


def subsidiary_rows(graph: Graph) -> list[dict[str, Any]]:
    return q(
        graph,
        """MATCH (:Company {id: 'company:pishan-haishi-yongan'})-[r:SUBSIDIARY_OF]->
                       (:Company {id: 'company:hikvision'}) WHERE r.origin = 'ftm'
                       RETURN r.review_id AS review_id, r.share_min AS share""",
    )


RECORDED = """MATCH ()-[r {review_id: $review}]->() WHERE r.fact_id IS NOT NULL
RETURN r.recorded_at AS at, r.first_recorded_at AS first, r.recorded_run AS run"""
CLOSED = """MATCH (f:FactRecord {review_id: $review})
RETURN f.end_kind AS kind, f.fact_type AS type, f.fact_start AS start, f.fact_end AS end,
       f.recorded_at AS from, f.recorded_until AS until"""


def test_pending_items_are_listed(queued: dict[str, Any]) -> None:
    items = queued["items"]
    assert {PISHAN, "Arent Fox LLP"} <= set(items)
    pishan = items[PISHAN]
    assert pishan["kind"] == "ftm_entity" and pishan["status"] == "pending"
    assert pishan["candidates"][0]["id"] == "company:pishan-haishi-yongan"
    assert pishan["explanation"]
    assert items["Arent Fox LLP"]["kind"] == "article_mention"


def test_accept_writes_the_held_fact_and_undo_removes_it(
    graph: Graph, queued: dict[str, Any]
) -> None:
    item_id = queued["items"][PISHAN]["id"]
    result = accept(graph, item_id, by="tester")
    assert result["chosen_id"] == "company:pishan-haishi-yongan"
    assert subsidiary_rows(graph) == [{"review_id": item_id, "share": 100.0}]
    item = get_item(graph, item_id)
    assert item["status"] == "accepted" and item["decided_by"] == "tester"
    (stamp,) = q(graph, RECORDED, review=item_id)  # held from the accept on, not the load
    assert stamp["first"] == stamp["at"] == item["decided_at"]
    assert stamp["run"] == f"review:{item_id}"
    assert item["decided_at"] and item["chosen_id"] == "company:pishan-haishi-yongan"
    node = q(
        graph,
        "MATCH (n {id: 'company:pishan-haishi-yongan'}) RETURN n.ftm_ids AS f, n.aliases AS a",
    )[0]
    assert "os-pishan" in node["f"] and PISHAN in node["a"]
    with pytest.raises(BadRequest):
        accept(graph, item_id)

    undone = undo(graph, item_id, by="tester")
    assert undone["relationships_deleted"] == 1
    assert subsidiary_rows(graph) == []
    (closed,) = q(graph, CLOSED, review=item_id)  # record time keeps what was held meanwhile
    assert closed["kind"] == "undone" and closed["type"] == "SUBSIDIARY_OF"
    assert (
        closed["start"] == "company:pishan-haishi-yongan" and closed["end"] == "company:hikvision"
    )
    assert closed["from"] == stamp["at"] <= closed["until"]
    undid = json.loads(get_item(graph, item_id)["history"][-1])
    assert undid["action"] == "undo" and undid["at"] == closed["until"]
    node = q(
        graph,
        "MATCH (n {id: 'company:pishan-haishi-yongan'}) RETURN n.ftm_ids AS f, n.aliases AS a",
    )[0]
    assert "os-pishan" not in (node["f"] or []) and PISHAN not in node["a"]
    item = get_item(graph, item_id)
    assert item["status"] == "pending" and item.get("chosen_id") is None
    assert [json.loads(h)["action"] for h in item["history"]] == ["accept", "undo"]


def test_accept_new_creates_the_proposed_entity_and_undo_deletes_it(
    graph: Graph, queued: dict[str, Any]
) -> None:
    item_id = queued["items"][PISHAN]["id"]
    result = accept(graph, item_id, new=True, by="tester")
    assert result["created_entity"] and result["chosen_id"].startswith("company:ftm-pishan")
    rows = q(
        graph,
        "MATCH (n:Company {id: $id})-[r:SUBSIDIARY_OF]->(:Company {id: 'company:hikvision'}) "
        "RETURN r.review_id AS rid",
        id=result["chosen_id"],
    )
    assert rows == [{"rid": item_id}]
    undo(graph, item_id, by="tester")
    assert q(graph, "MATCH (n {id: $id}) RETURN n", id=result["chosen_id"]) == []


def test_reject_is_a_negative_judgement_the_resolver_honours(
    graph: Graph, queued: dict[str, Any]
) -> None:
    item = queued["items"][PISHAN]
    candidates = {c["id"] for c in item["candidates"]}
    assert GraphResolver(graph).resolve(PISHAN).entity.id == "company:pishan-haishi-yongan"
    result = reject(graph, item["id"], by="tester")
    assert set(result["rejected_ids"]) == candidates
    decision = GraphResolver(graph).resolve(PISHAN)
    assert decision.entity is None or decision.entity.id not in candidates
    assert not candidates & {c.id for c in decision.candidates}
    # a reload does not match the rejected pair again (nor reopen the item)
    load_ftm(graph, queued["path"])
    assert subsidiary_rows(graph) == []
    assert get_item(graph, item["id"])["status"] == "rejected"


def test_cli_lists_and_settles(graph: Graph, queued: dict[str, Any], capsys: Any) -> None:
    from cli.main import main

    assert main(["review", "--json", "--kind", "article_mention"]) == 0
    listed = json.loads(capsys.readouterr().out)
    arent = next(i for i in listed if i["input"] == "Arent Fox LLP")
    assert arent["candidates"] == []
    assert main(["review", "accept", arent["id"]]) == 1  # no candidate, no --entity
    capsys.readouterr()
    assert main(["review", "reject", arent["id"], "--by", "cli-test"]) == 0
    assert get_item(graph, arent["id"])["status"] == "rejected"
    assert main(["review", "undo", arent["id"]]) == 0
    assert get_item(graph, arent["id"])["status"] == "pending"


def test_article_mention_accept_links_with_the_sentence(
    graph: Graph, queued: dict[str, Any]
) -> None:
    arent = queued["items"]["Arent Fox LLP"]
    # Hikvision is already linked to this article: the existing fact is left untouched
    result = accept(graph, arent["id"], entity_id="company:hikvision", by="tester")
    assert result["facts_written"] == []
    undo(graph, arent["id"])
    assert (
        q(
            graph,
            "MATCH (:Company {id: 'company:hikvision'})-[r:MENTIONED_IN]->(s:Source) "
            "WHERE s.id STARTS WITH 'source:article-' RETURN count(r) AS n",
        )[0]["n"]
        == 1
    )
    # a reviewer's choice of an entity not yet linked writes the held mention, with the quote
    result = accept(graph, arent["id"], entity_id="company:dahua", by="tester")
    rows = q(
        graph,
        """MATCH (:Company {id: 'company:dahua'})-[r:MENTIONED_IN {review_id: $id}]->(s:Source)
           RETURN r.quote AS quote, r.source_ids AS src, s.id AS sid""",
        id=arent["id"],
    )
    assert len(rows) == 1 and "Arent Fox LLP" in rows[0]["quote"]
    assert rows[0]["src"] == [rows[0]["sid"]] and result["facts_written"]
    undo(graph, arent["id"])
    assert q(graph, "MATCH ()-[r {review_id: $id}]->() RETURN r", id=arent["id"]) == []
