"""The schema migration: idempotent, and it retires indexes that later versions superseded."""

from __future__ import annotations

from graph.db import Graph
from graph.schema import apply_schema


def index_names(graph: Graph) -> set[str]:
    with graph.driver.session(database=graph.database) as session:
        return {r["name"] for r in session.run("SHOW INDEXES YIELD name")}


def test_superseded_fulltext_index_is_dropped(graph: Graph) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.run(
            "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
            "FOR (n:Company|GovernmentBody) ON EACH [n.name, n.aliases]"
        ).consume()
    assert "entity_names" in index_names(graph)
    apply_schema(graph)
    names = index_names(graph)
    assert "entity_names" not in names
    assert {"entity_name_search", "entity_id", "list_entry_id", "change_id"} <= names
    apply_schema(graph)  # a second run changes nothing
    assert index_names(graph) == names
