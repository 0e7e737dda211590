"""Applying `cypher/admin/schema.cypher` (every statement `IF NOT EXISTS`, so twice is
harmless), then the one-time migrations a graph loaded by an earlier version needs."""

from __future__ import annotations

from datetime import UTC, datetime

from graph.db import Graph
from graph.model import decided_from
from graph.writer import write_batches


def apply_schema(graph: Graph) -> int:
    count = graph.run_script("admin/schema")
    graph.write("admin/await_indexes")
    _migrate_decided_from(graph)
    return count


def _migrate_decided_from(graph: Graph) -> None:
    """Designations written before `decided_from` existed get it, computed by the same rule
    the loaders now apply, so no query needs the date-precision rule again."""
    done = graph.read_one("admin/migration_done", id="decided_from")
    if done and done["done"]:
        return
    rows = [
        {"fact_id": r["fact_id"], "decided_from": decided_from(r["since"], r["precision"])}
        for r in graph.read("admin/listed_on_undated", timeout=300.0)
    ]
    write_batches(graph, "admin/listed_on_set_decided_from", rows, batch_size=5000)
    graph.write("admin/migration_mark", id="decided_from", at=datetime.now(UTC).isoformat())
