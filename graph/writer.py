"""The one writer of load batches, and the checks rows pass before they reach Cypher.

Every loader writes through `BatchWriter`: it buffers the rows of each record by statement,
and flushes a batch per transaction, running the statements in the order declared, so the
rows of one record (an entry, its entity, its designation, its review item, its change) commit
together and a failure loses at most the batch in flight: a rerun MERGEs the same keys. It
counts what it wrote. With `background=True` one thread commits a batch while the loader
prepares the next (in order, never two at once), so resolving overlaps the server's work.

Labels and relationship types are whitelisted before they reach Cypher's dynamic `$(...)`
syntax; everything else is a parameter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any

from graph import cypher
from graph.db import Graph, Row, Tx
from graph.model import ENTITY_LABELS, RELATION_TYPES, fact_props

Batch = dict[str, list[Row]]


class BatchWriter:
    """Rows by statement in, one transaction per batch of records out (see the module)."""

    def __init__(
        self,
        graph: Graph,
        statements: Sequence[str],
        batch_size: int = 1000,
        params: Mapping[str, Any] | None = None,
        background: bool = False,
        timeout: float = 300.0,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.graph = graph
        self.statements = tuple(statements)
        self.texts = {name: cypher.load(name) for name in self.statements}
        self.batch_size = batch_size
        self.params = dict(params or {})
        self.timeout = timeout
        self.progress = progress
        self.counts: Counter[str] = Counter()
        self.returned: dict[str, list[Row]] = {name: [] for name in self.statements}
        self._batch: Batch = {}
        self._records = 0
        self._pool = ThreadPoolExecutor(1, "batch-writer") if background else None
        self._pending: Future[None] | None = None

    def add(self, rows: Mapping[str, Iterable[Mapping[str, Any]]], records: int = 1) -> None:
        """The rows one record (or `records` records) writes, by statement name."""
        for name, items in rows.items():
            if name not in self.texts:
                raise ValueError(f"{name!r} is not one of this writer's statements")
            self._batch.setdefault(name, []).extend(dict(r) for r in items)
        self._records += records
        if self._records >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        batch, records = self._batch, self._records
        self._batch, self._records = {}, 0
        if not batch:
            return
        if self._pool is None:
            self._commit(batch, records)
            return
        self._wait()  # in order: the previous batch has committed before this one starts
        self._pending = self._pool.submit(self._commit, batch, records)

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()  # a failed batch stops the load here

    def _commit(self, batch: Batch, records: int) -> None:
        def work(tx: Tx) -> list[tuple[str, Any, list[Row]]]:
            done = []
            for name in self.statements:
                if batch.get(name):
                    result = tx.run(self.texts[name], {**self.params, "rows": batch[name]})
                    rows = [record.data() for record in result]
                    done.append((name, result.consume().counters, rows))
            return done

        for name, counters, rows in self.graph.transaction(work, self.timeout):
            self.counts[f"{name}:rows"] += len(batch[name])
            self.counts[f"{name}:nodes_created"] += counters.nodes_created
            self.counts["nodes_created"] += counters.nodes_created
            self.counts["relationships_created"] += counters.relationships_created
            self.returned[name].extend(rows)
        self.counts["batches"] += 1
        if self.progress is not None:
            self.progress(records)

    def created(self, name: str) -> int:
        """Nodes one statement created over the whole load."""
        return self.counts[f"{name}:nodes_created"]

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self.flush()
            self._wait()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)


def write_batches(
    graph: Graph,
    name: str,
    rows: Iterable[Mapping[str, Any]],
    batch_size: int = 1000,
    **params: Any,
) -> BatchWriter:
    """One statement's rows through a BatchWriter; returns it for its counts."""
    with BatchWriter(graph, [name], batch_size, params) as writer:
        for row in rows:
            writer.add({name: [row]})
    return writer


def entity_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if row["label"] not in ENTITY_LABELS:
            raise ValueError(f"unknown entity label {row['label']!r}")
        props = dict(row["props"])
        out.append(
            {
                "id": row["id"],
                "label": row["label"],
                "props": props,
                "recorded_at": row.get("recorded_at"),
            }
        )
    return out


def relation_rows(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if row["type"] not in RELATION_TYPES:
            raise ValueError(f"unknown relationship type {row['type']!r}")
        out.append({**row, "props": fact_props(row["type"], dict(row["props"]))})
    return out


def counts(graph: Graph) -> dict[str, int]:
    row = graph.read_one("admin/graph_counts") or {"nodes": 0, "relationships": 0}
    return {"nodes": int(row["nodes"]), "relationships": int(row["relationships"])}
