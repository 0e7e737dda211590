"""Where questions (api/queries) get answered: on the blocking `Graph`, directly for the CLI
and in Starlette's thread pool for the API.

Both add the "did you mean" suggestions to an unknown id's 404 from the search index.
"""

from __future__ import annotations

from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from api.queries.search import suggestions
from api.queries.steps import Missing, Query, run
from api.search_index import SearchIndex
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
    """The API's: each question in the thread pool (the driver blocks)."""

    async def __call__(self, query: Query[T]) -> T:
        return await run_in_threadpool(self.run, query)

    async def in_thread(self, query: Query[T]) -> T:
        """For questions that use the index while it may still have to read the graph."""
        return await run_in_threadpool(self.run, query)
