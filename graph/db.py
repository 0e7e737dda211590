"""The only module that talks to the Neo4j driver.

Every statement comes from a named file in `cypher/`, every value is a parameter, every
call names its database and runs with a timeout, and driver errors become survgraph errors.
Load batches are written by `graph.writer.BatchWriter`, one transaction per batch, through
`Graph.transaction`.

Consistent reads. Neo4j reads at read-committed isolation, so a read that runs while a
commit lands could show half of a load's batch. Every write here therefore announces its
commit: once its statements have run, a separate transaction adds a token to the one
`WriteEpoch` node (and counts it), the write commits, and another transaction removes the
token. Reads follow the protocol of `graph.consistent` (wait while a token is open, rerun when
the count changed while they ran), which this module's `Graph.follow` carries out on the
blocking driver. The window is the commit itself, not the batch's whole run, so readers
rarely wait. A token a killed writer left behind expires after `STALE_MS` (its transaction was
rolled back when its connection dropped).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, Transaction
from neo4j.exceptions import DriverError, Neo4jError

from graph import consistent, cypher
from graph.consistent import STALE_MS, Row
from graph.errors import translated
from graph.settings import Settings, get_settings

T = TypeVar("T")
Tx = Transaction


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
        return self.follow(consistent.read(name, params, self._limit(timeout)))

    def read_one(self, name: str, timeout: float | None = None, **params: Any) -> Row | None:
        rows = self.read(name, timeout=timeout, **params)
        return rows[0] if rows else None

    def write(self, name: str, timeout: float | None = None, **params: Any) -> list[Row]:
        """Run the named write statement in one transaction."""
        text = cypher.load(name)

        def work(tx: Tx) -> list[Row]:
            return [record.data() for record in tx.run(text, dict(params))]

        return self._write(work, self._limit(timeout))

    def record(self, name: str, timeout: float | None = None, **params: Any) -> list[Row]:
        """A write of the service's own bookkeeping (screening jobs and their results,
        watchlists) in one transaction, without the commit announcement: no read of the
        graph's facts spans these nodes, so a job writing every second must not make the
        facts' readers wait or rerun. The driver retries it on transient errors."""
        text = cypher.load(name)

        @neo4j.unit_of_work(timeout=self._limit(timeout))
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            return [record.data() for record in tx.run(text, dict(params))]

        with translated(), self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def _limit(self, timeout: float | None) -> float:
        return timeout if timeout is not None else self.settings.query_timeout_s

    def follow(self, protocol: consistent.Protocol) -> list[Row]:
        """Carry out a consistent read's steps on one read session. A step that failed
        leaves its session behind (its connection may have died in the pool) and is thrown
        back into the protocol, which decides whether to try again."""
        with translated():
            session = self._read_session()
            try:
                step = next(protocol)
                while True:
                    try:
                        outcome = _carry_out(step, session)
                    except Exception as exc:
                        session.close()
                        session = self._read_session()
                        step = protocol.throw(exc)
                    else:
                        step = protocol.send(outcome)
            except StopIteration as done:
                rows: list[Row] = done.value
                return rows
            finally:
                session.close()

    def _read_session(self) -> neo4j.Session:
        return self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS)

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


def _carry_out(step: consistent.Step, session: neo4j.Session) -> consistent.Outcome:
    """One step of the protocol, blocking. A read is one statement in an auto-commit
    transaction: one round trip instead of a transaction function's three, which is most of a
    hot request's time outside the query itself.

    Records become plain dicts without `Record.data()`'s recursive walk: every statement in
    `cypher/` returns maps, lists and scalars (projections like `n {.id, .name}`), never nodes
    or paths, so there is nothing to convert."""
    match step:
        case consistent.Run(query, params):
            return [dict(record) for record in session.run(query, dict(params))]
        case consistent.Sleep(seconds):
            time.sleep(seconds)
            return None
    record = session.run(cypher.load(consistent.EPOCH_READ), stale_ms=STALE_MS).single()
    return consistent.epoch_of(record)


def run(tx: Tx, name: str, **params: Any) -> list[Row]:
    """A named statement inside a caller's transaction."""
    return [record.data() for record in tx.run(cypher.load(name), params)]


__all__ = ["Graph", "Row", "Tx", "neo4j", "run"]
