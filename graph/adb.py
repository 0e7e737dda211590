"""Reads on the neo4j driver's asyncio API, for the API's event loop.

A blocking read in the API costs a thread handoff per request (a quarter of the GIL time a
profile of the hot endpoints found); an async read waits on the socket in the loop instead.
Only reads live here, and they keep `graph.db`'s rules: named statements, parameters, a
timeout, read access mode (the server refuses a write), driver errors translated, and the
"Consistent reads" protocol (wait while a commit is announced, rerun when the count of
commits changed while the read ran). Writes stay on the blocking `Graph`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any

import neo4j
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph import cypher
from graph.db import STALE_MS, Row, _translated
from graph.errors import QueryTimeout
from graph.settings import Settings, get_settings


class AsyncGraph:
    """An async driver with its settings; the API's lifespan owns one."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.database = self.settings.neo4j_database
        self.driver = AsyncGraphDatabase.driver(
            self.settings.uri,
            auth=(self.settings.neo4j_user, self.settings.neo4j_password),
            max_connection_pool_size=64,
            connection_acquisition_timeout=10.0,
            connection_timeout=5.0,
            notifications_min_severity="OFF",
        )

    async def close(self) -> None:
        await self.driver.close()

    async def read(self, name: str, timeout: float | None = None, **params: Any) -> list[Row]:
        """Run the named read statement and return its records as dicts."""
        limit = timeout if timeout is not None else self.settings.query_timeout_s
        query = neo4j.Query(cypher.load(name), timeout=limit)
        deadline = time.monotonic() + limit
        with _translated():
            try:
                return await self._attempt(query, params, deadline)
            except (ServiceUnavailable, SessionExpired):  # a connection that died in the pool
                return await self._attempt(query, params, deadline)

    async def read_one(self, name: str, timeout: float | None = None, **params: Any) -> Row | None:
        rows = await self.read(name, timeout=timeout, **params)
        return rows[0] if rows else None

    async def _attempt(
        self, query: neo4j.Query, params: Mapping[str, Any], deadline: float
    ) -> list[Row]:
        async with self.driver.session(
            database=self.database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            return await _consistent(session, query, params, deadline)

    async def ping(self) -> None:
        with _translated():
            await self.driver.verify_connectivity()


async def _consistent(
    session: neo4j.AsyncSession, query: neo4j.Query, params: Mapping[str, Any], deadline: float
) -> list[Row]:
    """Run a read until no commit landed while it ran (graph/db.py, "Consistent reads")."""
    while True:
        before = await _settled(session, deadline)
        result = await session.run(query, dict(params))
        rows = [dict(record) async for record in result]
        if (await _epoch(session))[0] == before:
            return rows
        if time.monotonic() > deadline:
            raise QueryTimeout("the graph kept changing while this answer was read; ask again")


async def _settled(session: neo4j.AsyncSession, deadline: float) -> int:
    """The count of announced commits, once none is still committing."""
    delay = 0.001
    while True:
        started, committing = await _epoch(session)
        if not committing:
            return started
        if time.monotonic() + delay > deadline:
            raise QueryTimeout("a write kept committing while this answer waited; ask again")
        await asyncio.sleep(delay)
        delay = min(delay * 2, 0.05)


async def _epoch(session: neo4j.AsyncSession) -> tuple[int, int]:
    result = await session.run(cypher.load("admin/write_epoch"), stale_ms=STALE_MS)
    record = await result.single()
    return (int(record["started"]), int(record["committing"])) if record else (0, 0)


__all__ = ["AsyncGraph"]
