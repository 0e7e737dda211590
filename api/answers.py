"""Where questions (api/queries) get answered: on the blocking `Graph` for the CLI and the
API's thread-bound questions, on the `AsyncGraph` for the API's event loop.

Both add the "did you mean" suggestions to an unknown id's 404 from the search index; the
async side computes them on the loop only while the index answers from memory.
"""

from __future__ import annotations

from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from api.queries.search import suggestions
from api.queries.steps import Missing, Query, arun, run
from api.search_index import SearchIndex
from graph.adb import AsyncGraph
from graph.db import Graph
from graph.settings import Settings

T = TypeVar("T")


class Answers:
    """Questions answered on the blocking driver."""

    def __init__(self, graph: Graph, settings: Settings, index: SearchIndex | None = None) -> None:
        self.graph = graph
        self.settings = settings
        self.index = index or SearchIndex(graph)

    def run(self, query: Query[T]) -> T:
        try:
            return run(query, self.graph)
        except Missing as exc:
            exc.extra["suggestions"] = suggestions(self.index, exc.missing_id)
            raise


class AsyncAnswers(Answers):
    """The API's: reads on the event loop; the index's blocking work in the thread pool."""

    def __init__(
        self, agraph: AsyncGraph, graph: Graph, settings: Settings, index: SearchIndex | None = None
    ) -> None:
        super().__init__(graph, settings, index)
        self.agraph = agraph

    async def __call__(self, query: Query[T]) -> T:
        try:
            return await arun(query, self.agraph)
        except Missing as exc:
            exc.extra["suggestions"] = await self._suggestions(exc.missing_id)
            raise

    async def in_thread(self, query: Query[T]) -> T:
        """For questions that use the index while it may still have to read the graph."""
        return await run_in_threadpool(self.run, query)

    async def _suggestions(self, missing_id: str) -> list[dict[str, object]]:
        if self.index.ready():
            return suggestions(self.index, missing_id)
        return await run_in_threadpool(suggestions, self.index, missing_id)
