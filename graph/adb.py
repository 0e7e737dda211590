"""Reads on the neo4j driver's asyncio API, for the API's event loop.

A blocking read in the API costs a thread handoff per request (a quarter of the GIL time a
profile of the hot endpoints found); an async read waits on the socket in the loop instead.
Only reads live here, and they keep `graph.db`'s rules: named statements, parameters, a
timeout, read access mode (the server refuses a write), driver errors translated, and the
consistent-read protocol of `graph.consistent`, the same steps the blocking driver carries
out. What differs is how the WriteEpoch reads are done: shared among the reads in flight
(`SharedEpochs`). Writes stay on the blocking `Graph`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import neo4j
from neo4j import AsyncGraphDatabase

from graph import consistent, cypher
from graph.consistent import STALE_MS, Epoch, Row
from graph.errors import translated
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
        return await self.follow(consistent.read(name, params, limit))

    async def read_one(self, name: str, timeout: float | None = None, **params: Any) -> Row | None:
        rows = await self.read(name, timeout=timeout, **params)
        return rows[0] if rows else None

    async def ping(self) -> None:
        with translated():
            await self.driver.verify_connectivity()

    async def follow(self, protocol: consistent.Protocol) -> list[Row]:
        """Carry out a consistent read's steps on the event loop. A step that failed is
        thrown back into the protocol, which decides whether to try again."""
        with translated():
            try:
                step = next(protocol)
                while True:
                    try:
                        outcome = await self._carry_out(step)
                    except Exception as exc:
                        step = protocol.throw(exc)
                    else:
                        step = protocol.send(outcome)
            except StopIteration as done:
                rows: list[Row] = done.value
                return rows

    async def _carry_out(self, step: consistent.Step) -> consistent.Outcome:
        """One step, each statement on a session of its own: the epoch reads are shared with
        other reads (`SharedEpochs`), so there is no one session the read's steps share."""
        match step:
            case consistent.Run(query, params):
                async with self._session() as session:
                    result = await session.run(query, dict(params))
                    return [dict(record) async for record in result]
            case consistent.Sleep(seconds):
                await asyncio.sleep(seconds)
                return None
        return await self.epochs.read_after_now()

    async def _read_epoch(self) -> Epoch:
        async with self._session() as session:
            result = await session.run(cypher.load(consistent.EPOCH_READ), stale_ms=STALE_MS)
            record = await result.single()
        return consistent.epoch_of(record)

    def _session(self) -> neo4j.AsyncSession:
        return self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS)


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
