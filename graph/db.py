"""The only module that talks to the Neo4j driver.

Every statement comes from a named file in `cypher/`, every value is a parameter, every
call names its database and runs with a timeout, and driver errors become survgraph errors.
Load batches are written by `graph.writer.BatchWriter`, one transaction per batch, through
`Graph.transaction`.

Consistent reads. Neo4j reads at read-committed isolation: a query that runs while another
transaction commits can see part of that commit, or two commits, so an answer could show half
of a load's batch. Every write here therefore announces its commit: once its statements have
run, a separate transaction adds a token to the one `WriteEpoch` node (and counts it), the
write commits, and another transaction removes the token. A read first waits until no token
is open, notes the count, runs, and reads the count again; if it changed, a commit may have
landed during the read, and the read runs again. The window is the commit itself, not the
batch's whole run, so readers rarely wait. A token a killed writer left behind expires after
`STALE_MS` (its transaction was rolled back when its connection dropped).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, Transaction
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import cypher
from graph.errors import QueryTimeout, translated
from graph.settings import Settings, get_settings

Row = dict[str, Any]
T = TypeVar("T")
Tx = Transaction
STALE_MS = 5_000  # an announced commit older than this belongs to a writer that died


class Graph:
    """A driver with its settings; one per process (the API owns it in its lifespan)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.database = self.settings.neo4j_database
        self.driver = GraphDatabase.driver(self.settings.uri, **self.settings.driver_options())

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads ---------------------------------------------------------------------------

    def read(self, name: str, timeout: float | None = None, **params: Any) -> list[Row]:
        """Run the named read statement and return its records as dicts."""
        return self._execute(name, params, timeout, write=False)

    def read_one(self, name: str, timeout: float | None = None, **params: Any) -> Row | None:
        rows = self.read(name, timeout=timeout, **params)
        return rows[0] if rows else None

    def write(self, name: str, timeout: float | None = None, **params: Any) -> list[Row]:
        """Run the named write statement in one transaction."""
        return self._execute(name, params, timeout, write=True)

    def _execute(
        self, name: str, params: Mapping[str, Any], timeout: float | None, write: bool
    ) -> list[Row]:
        text = cypher.load(name)
        limit = timeout if timeout is not None else self.settings.query_timeout_s
        if not write:
            return self._read(text, params, limit)

        def work(tx: Tx) -> list[Row]:
            return [record.data() for record in tx.run(text, dict(params))]

        return self._write(work, limit)

    def _read(self, text: str, params: Mapping[str, Any], limit: float) -> list[Row]:
        """One statement in an auto-commit read: one round trip instead of a transaction
        function's three, which is most of a hot API request's time outside the query itself.
        A connection that died in the pool is retried once on a fresh one.

        Records become plain dicts without `Record.data()`'s recursive walk: every statement
        in `cypher/` returns maps, lists and scalars (projections like `n {.id, .name}`), never
        nodes or paths, so there is nothing to convert."""
        query = neo4j.Query(text, timeout=limit)
        deadline = time.monotonic() + limit

        def attempt() -> list[Row]:
            with self.driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session:
                return _consistent(session, query, params, deadline)

        with translated():
            try:
                return attempt()
            except (ServiceUnavailable, SessionExpired):
                return attempt()

    def transaction(self, fn: Callable[[Tx], T], timeout: float = 120.0) -> T:
        """Several named statements in one write transaction (all-or-nothing load steps).

        `fn` receives the transaction and should call `run(tx, name, **params)`; it may run
        again when the server asks for a retry, so it must not have side effects of its own.
        """
        return self._write(fn, timeout)

    def _write(self, work: Callable[[Tx], T], timeout: float) -> T:
        """One write transaction with an announced commit, retried on transient errors as
        the driver's managed transactions are (a cluster's leader change, a restart), and for
        as long (`max_transaction_retry_s`)."""
        deadline = time.monotonic() + self.settings.max_transaction_retry_s
        delay = 0.2
        with translated():
            while True:
                try:
                    return self._announced(work, timeout)
                except (Neo4jError, DriverError) as exc:
                    if not exc.is_retryable() or time.monotonic() + delay > deadline:
                        raise
                time.sleep(delay)
                delay *= 2

    def _announced(self, work: Callable[[Tx], T], timeout: float) -> T:
        with (
            self.driver.session(database=self.database) as session,
            session.begin_transaction(timeout=timeout) as tx,
        ):
            result = work(tx)
            token = uuid.uuid4().hex
            self._mark("admin/write_announce", token=token, stale_ms=STALE_MS)
            try:
                tx.commit()
            finally:
                self._mark("admin/write_settle", token=token)
        return result

    def _mark(self, name: str, **params: Any) -> None:
        with self.driver.session(database=self.database) as session:
            session.run(neo4j.Query(cypher.load(name), timeout=30.0), params).consume()

    def run_script(self, name: str) -> int:
        """Run a multi-statement file (schema), each statement in its own auto-commit call."""
        statements = cypher.load_script(name)
        with translated(), self.driver.session(database=self.database) as session:
            for statement in statements:
                session.run(statement).consume()
        return len(statements)

    def run_autocommit(self, name: str, **params: Any) -> Any:
        """For statements that manage their own transactions (`CALL ... IN TRANSACTIONS`)."""
        with translated(), self.driver.session(database=self.database) as session:
            return session.run(cypher.load(name), params).consume().counters

    # -- health ----------------------------------------------------------------------------

    def ping(self) -> None:
        """Raises DatabaseUnavailable when the server does not answer."""
        with translated():
            self.driver.verify_connectivity()


def _consistent(
    session: neo4j.Session, query: neo4j.Query, params: Mapping[str, Any], deadline: float
) -> list[Row]:
    """Run a read until no commit landed while it ran (see "Consistent reads" above)."""
    while True:
        before = _settled(session, deadline)
        rows = [dict(record) for record in session.run(query, dict(params))]
        if _epoch(session)[0] == before:
            return rows
        if time.monotonic() > deadline:
            raise QueryTimeout("the graph kept changing while this answer was read; ask again")


def _settled(session: neo4j.Session, deadline: float) -> int:
    """The count of announced commits, once none is still committing."""
    delay = 0.001
    while True:
        started, committing = _epoch(session)
        if not committing:
            return started
        if time.monotonic() + delay > deadline:
            raise QueryTimeout("a write kept committing while this answer waited; ask again")
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def _epoch(session: neo4j.Session) -> tuple[int, int]:
    record = session.run(cypher.load("admin/write_epoch"), stale_ms=STALE_MS).single()
    return (int(record["started"]), int(record["committing"])) if record else (0, 0)


def run(tx: Tx, name: str, **params: Any) -> list[Row]:
    """A named statement inside a caller's transaction."""
    return [record.data() for record in tx.run(cypher.load(name), params)]


__all__ = ["Graph", "Row", "Tx", "neo4j", "run"]
