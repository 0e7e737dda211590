"""Writes typed records into the graph in batched, idempotent statements.

Labels and relationship types are whitelisted here before they reach Cypher's dynamic
`$(...)` syntax; everything else is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from graph import cypher
from graph.db import Graph, Tx, run, run_rows
from graph.model import ENTITY_LABELS, RELATION_TYPES, with_decided_from


def entity_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if row["label"] not in ENTITY_LABELS:
            raise ValueError(f"unknown entity label {row['label']!r}")
        out.append({"id": row["id"], "label": row["label"], "props": dict(row["props"])})
    return out


def relation_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if row["type"] not in RELATION_TYPES:
            raise ValueError(f"unknown relationship type {row['type']!r}")
        out.append({**row, "props": with_decided_from(dict(row["props"]))})
    return out


def write_all(
    graph: Graph,
    sources: Sequence[Mapping[str, Any]],
    entities: Sequence[Mapping[str, Any]],
    relations: Sequence[Mapping[str, Any]],
    mentions: Sequence[Mapping[str, Any]],
    rules: Sequence[Mapping[str, Any]],
    prune_origin_facts: Sequence[str] | None = None,
) -> dict[str, int]:
    """One transaction for a small dataset: it loads whole or not at all."""
    checked_entities = entity_rows(entities)
    checked_relations = relation_rows(relations)

    def work(tx: Tx) -> dict[str, int]:
        figures = {"nodes_created": 0, "relationships_created": 0, "missing_endpoints": 0}
        for name, rows in (
            ("load/curated_sources", sources),
            ("load/curated_entities", checked_entities),
            ("load/curated_rules", rules),
        ):
            if rows:
                counters = run_rows(tx, name, list(rows))
                figures["nodes_created"] += counters.nodes_created
                figures["relationships_created"] += counters.relationships_created
        if checked_relations:
            result = tx.run(cypher.load("load/curated_relations"), {"rows": checked_relations})
            figures["missing_endpoints"] = len(list(result))
            figures["relationships_created"] += result.consume().counters.relationships_created
        if mentions:
            counters = run_rows(tx, "load/curated_mentions", list(mentions))
            figures["relationships_created"] += counters.relationships_created
        if prune_origin_facts is not None:
            pruned = run(tx, "load/curated_prune", fact_ids=list(prune_origin_facts))
            figures["pruned"] = int(pruned[0]["pruned"]) if pruned else 0
        return figures

    return graph.transaction(work)


def counts(graph: Graph) -> dict[str, int]:
    row = graph.read_one("admin/graph_counts") or {"nodes": 0, "relationships": 0}
    return {"nodes": int(row["nodes"]), "relationships": int(row["relationships"])}
