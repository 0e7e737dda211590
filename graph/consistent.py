"""Consistent reads: the protocol a read follows, written once for both drivers.

Neo4j reads at read-committed isolation: a query that runs while another transaction commits
can see part of that commit, or two commits, so an answer could show half of a load's batch.
Every write therefore announces its commit on the one `WriteEpoch` node (`graph.db`, "Consistent
reads"), and a read waits until no commit is announced, notes the count of commits, runs, and
reads the count again; if it changed, a commit may have landed during the read, and the read
runs again. A token a killed writer left behind expires after `STALE_MS`.

The CLI reads on the blocking driver (`graph.db.Graph.follow`) and the API on the asyncio one
(`graph.adb.AsyncGraph.follow`, which shares epoch reads among the reads in flight). So that
the two cannot drift apart in when they wait, rerun, back off or give up, the protocol is a
generator that does no I/O: it yields each step it needs (`ReadEpoch`, `Run`, `Sleep`) and
receives the step's outcome, and each driver only carries steps out. A step that failed is
thrown back into the generator, which decides what the failure means.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph import cypher
from graph.errors import QueryTimeout

Row = dict[str, Any]
Epoch = tuple[int, int]  # (commits announced, commits still committing)
STALE_MS = 5_000  # an announced commit older than this belongs to a writer that died
FIRST_BACKOFF_S = 0.001  # a commit's window is short: look again almost at once ...
LAST_BACKOFF_S = 0.05  # ... then less and less often
CHANGING = "the graph kept changing while this answer was read; ask again"
COMMITTING = "a write kept committing while this answer waited; ask again"
# A pooled connection the server or a network device closed fails the first statement sent on
# it; the driver drops it, so the read is worth one more attempt on a fresh connection.
DEAD_CONNECTION = (ServiceUnavailable, SessionExpired)


@dataclass(frozen=True)
class ReadEpoch:
    """Read the WriteEpoch node (`EPOCH_READ`); the outcome is an `Epoch` (`epoch_of`)."""


@dataclass(frozen=True)
class Run:
    """Run the read's own statement in read access mode; the outcome is its rows."""

    query: neo4j.Query
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Sleep:
    """Back off for `seconds` while a commit is announced; the outcome is None."""

    seconds: float


Step = ReadEpoch | Run | Sleep
Outcome = Epoch | list[Row] | None
Protocol = Generator[Step, Outcome, list[Row]]
READ_EPOCH = ReadEpoch()
EPOCH_READ = "admin/write_epoch"  # run with `stale_ms=STALE_MS`


def read(name: str, params: Mapping[str, Any], limit: float) -> Protocol:
    """The steps of one consistent read of the named statement, given `limit` seconds: the
    statement's own time limit, and the deadline for waiting and rerunning."""
    run = Run(neo4j.Query(cypher.load(name), timeout=limit), params)
    return _read(run, time.monotonic() + limit)


def epoch_of(record: Mapping[str, Any] | None) -> Epoch:
    """The outcome of an `EPOCH_READ` (no WriteEpoch node yet: nothing was ever announced)."""
    return (int(record["started"]), int(record["committing"])) if record else (0, 0)


def _read(run: Run, deadline: float) -> Protocol:
    try:
        return (yield from _attempt(run, deadline))
    except DEAD_CONNECTION:
        return (yield from _attempt(run, deadline))


def _attempt(run: Run, deadline: float) -> Protocol:
    """Run until no commit landed while the statement ran."""
    while True:
        before = yield from _settled(deadline)
        rows = yield run
        assert isinstance(rows, list)
        after, _ = yield from _epoch()
        if after == before:
            return rows
        if time.monotonic() > deadline:
            raise QueryTimeout(CHANGING)


def _settled(deadline: float) -> Generator[Step, Outcome, int]:
    """The count of announced commits, once none is still committing."""
    delay = FIRST_BACKOFF_S
    while True:
        started, committing = yield from _epoch()
        if not committing:
            return started
        if time.monotonic() + delay > deadline:
            raise QueryTimeout(COMMITTING)
        yield Sleep(delay)
        delay = min(delay * 2, LAST_BACKOFF_S)


def _epoch() -> Generator[Step, Outcome, Epoch]:
    epoch = yield READ_EPOCH
    assert isinstance(epoch, tuple)
    return epoch


__all__ = [
    "EPOCH_READ",
    "STALE_MS",
    "Epoch",
    "Outcome",
    "Protocol",
    "ReadEpoch",
    "Row",
    "Run",
    "Sleep",
    "Step",
    "epoch_of",
    "read",
]
