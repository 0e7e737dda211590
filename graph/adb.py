"""Reads on the neo4j driver's asyncio API, for the API's event loop.

A blocking read in the API costs a thread handoff per request (a quarter of the GIL time a
profile of the hot endpoints found); an async read waits on the socket in the loop instead.
Only reads live here, and they keep `graph.db`'s rules: named statements, parameters, a
timeout, read access mode (the server refuses a write), driver errors translated, and the
"Consistent reads" protocol (wait while a commit is announced, rerun when the count of
commits changed while the read ran), with the WriteEpoch reads shared among the reads in
flight (`SharedEpochs`). Writes stay on the blocking `Graph`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import neo4j
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph import cypher
from graph.db import STALE_MS, Row
from graph.errors import QueryTimeout, translated
from graph.settings import Settings, get_settings


class AsyncGraph:
    """An async driver with its settings; the API's lifespan owns one (per event loop)."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.database = self.settings.neo4j_database
        self.driver = AsyncGraphDatabase.driver(self.settings.uri, **self.settings.driver_options())
        self.epochs = SharedEpochs(self._read_epoch)

    async def close(self) -> None:
        await self.driver.close()

    async def read(self, name: str, timeout: float | None = None, **params: Any) -> list[Row]:
        """Run the named read statement and return its records as dicts."""
        limit = timeout if timeout is not None else self.settings.query_timeout_s
        query = neo4j.Query(cypher.load(name), timeout=limit)
        deadline = time.monotonic() + limit
        with translated():
            try:
                return await self._consistent(query, params, deadline)
            except (ServiceUnavailable, SessionExpired):  # a connection that died in the pool
                return await self._consistent(query, params, deadline)

    async def read_one(self, name: str, timeout: float | None = None, **params: Any) -> Row | None:
        rows = await self.read(name, timeout=timeout, **params)
        return rows[0] if rows else None

    async def ping(self) -> None:
        with translated():
            await self.driver.verify_connectivity()

    async def _consistent(
        self, query: neo4j.Query, params: Mapping[str, Any], deadline: float
    ) -> list[Row]:
        """Run a read until no commit landed while it ran (graph/db.py, "Consistent reads")."""
        while True:
            before = await self._settled(deadline)
            rows = await self._run(query, params)
            if (await self.epochs.read_after_now())[0] == before:
                return rows
            if time.monotonic() > deadline:
                raise QueryTimeout("the graph kept changing while this answer was read; ask again")

    async def _settled(self, deadline: float) -> int:
        """The count of announced commits, once none is still committing."""
        delay = 0.001
        while True:
            started, committing = await self.epochs.read_after_now()
            if not committing:
                return started
            if time.monotonic() + delay > deadline:
                raise QueryTimeout("a write kept committing while this answer waited; ask again")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.05)

    async def _run(self, query: neo4j.Query, params: Mapping[str, Any]) -> list[Row]:
        async with self._session() as session:
            result = await session.run(query, dict(params))
            return [dict(record) async for record in result]

    async def _read_epoch(self) -> Epoch:
        async with self._session() as session:
            result = await session.run(cypher.load("admin/write_epoch"), stale_ms=STALE_MS)
            record = await result.single()
        return (int(record["started"]), int(record["committing"])) if record else (0, 0)

    def _session(self) -> neo4j.AsyncSession:
        return self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS)


Epoch = tuple[int, int]  # (commits announced, commits still committing)


class SharedEpochs:
    """WriteEpoch reads shared by the reads in flight on one event loop.

    The protocol needs, for each read, an epoch read that ends before the read's statement is
    sent and one that is sent after its last record arrived. Any epoch read sent after a
    caller asked serves it as well as its own would, so every caller that asks before the
    next epoch read goes out joins that read: under load one epoch round trip answers many
    reads instead of two per read, which is most of a hot request's database round trips.
    """

    def __init__(self, read: Callable[[], Awaitable[Epoch]]) -> None:
        self._read = read
        self._next: asyncio.Future[Epoch] | None = None
        self._sending: set[asyncio.Task[None]] = set()  # the loop keeps only weak references

    async def read_after_now(self) -> Epoch:
        """The epoch as read by a statement sent after this call."""
        if self._next is None:
            self._next = asyncio.get_running_loop().create_future()
            task = asyncio.ensure_future(self._send(self._next))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)
        # shield: one caller's cancellation (a client gone) must not cancel the others' read
        return await asyncio.shield(self._next)

    async def _send(self, waiting: asyncio.Future[Epoch]) -> None:
        self._next = None  # from here on, a caller needs a read sent later than this one
        try:
            epoch = await self._read()
        except asyncio.CancelledError:
            waiting.cancel()
            raise
        except Exception as exc:  # every joiner sees the failure (translated by the caller)
            waiting.set_exception(exc)
            waiting.exception()  # retrieved here too, in case every joiner was cancelled
        else:
            waiting.set_result(epoch)


__all__ = ["AsyncGraph", "SharedEpochs"]
