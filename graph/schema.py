"""Applying `cypher/schema.cypher`; every statement is `IF NOT EXISTS`, so twice is harmless."""

from __future__ import annotations

from graph.db import Graph


def apply_schema(graph: Graph) -> int:
    count = graph.run_script("admin/schema")
    graph.write("admin/await_indexes")
    return count
