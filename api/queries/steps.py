"""Questions written once, run on either driver.

A question is a generator: it yields each `Read` it needs and receives the rows back, then
returns its answer. It does no I/O itself, so the CLI runs it on the blocking `Graph`
(`run`) and the API on the event loop's `AsyncGraph` (`arun`) without a thread handoff per
request, and both refuse and answer the same things.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from graph.adb import AsyncGraph
from graph.db import Graph, Row
from graph.errors import NotFound

T = TypeVar("T")


@dataclass(frozen=True)
class Read:
    """One named read statement (`cypher/<name>.cypher`) with its parameters."""

    name: str
    params: dict[str, Any] = field(default_factory=dict)
    timeout: float | None = None


Query = Generator[Read, list[Row], T]


class Missing(NotFound):
    """An id that names nothing. The front end that runs the question adds the "did you
    mean" suggestions, because only it knows whether the index may be read without waiting."""

    def __init__(self, what: str, missing_id: str) -> None:
        super().__init__(f"no {what} with id {missing_id!r}")
        self.missing_id = missing_id


def read(name: str, timeout: float | None = None, **params: Any) -> Query[list[Row]]:
    rows = yield Read(name, params, timeout)
    return rows


def read_one(name: str, timeout: float | None = None, **params: Any) -> Query[Row | None]:
    rows = yield Read(name, params, timeout)
    return rows[0] if rows else None


def run(query: Query[T], graph: Graph) -> T:
    """Answer on the blocking driver (CLI, threads)."""
    try:
        step = next(query)
        while True:
            step = query.send(graph.read(step.name, timeout=step.timeout, **step.params))
    except StopIteration as done:
        answer: T = done.value
        return answer


async def arun(query: Query[T], graph: AsyncGraph) -> T:
    """Answer on the async driver, on the event loop."""
    try:
        step = next(query)
        while True:
            rows = await graph.read(step.name, timeout=step.timeout, **step.params)
            step = query.send(rows)
    except StopIteration as done:
        answer: T = done.value
        return answer
