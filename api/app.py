"""The FastAPI application: `create_app(settings)` wires the lifespan, routers and error table.

The lifespan owns the drivers of the process: the `AsyncGraph` that answers on the event loop
(`app.state.graph`), and the blocking `Graph` the resolver index is built from
(`app.state.blocking_graph`); routes get them through `api.deps`. Endpoints are `async def`:
reads wait on the socket in the loop, with no thread handoff per request. What may still block
(building or checking the search index, resolving) runs in Starlette's thread pool, sized here
to the blocking driver's connection pool.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from api import errors, memory, openapi
from api.answers import AsyncAnswers
from api.routers import (
    browser,
    changes,
    contracts,
    entities,
    health,
    lists,
    paths,
    resolve,
    screenings,
    search,
    sectors,
    sources,
    watchlists,
)
from api.screening.worker import Worker
from api.search_index import SearchIndex
from graph.adb import AsyncGraph
from graph.db import Graph
from graph.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    memory.limit_arenas()  # before the thread pool exists (see api/memory.py)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.pool_size
        graph = Graph(settings)
        agraph = AsyncGraph(settings)
        app.state.settings = settings
        app.state.graph = agraph
        app.state.blocking_graph = graph
        app.state.service = AsyncAnswers(agraph, graph, settings, SearchIndex(graph))
        # Screening jobs run in this process; unfinished ones (a restart) continue at once.
        app.state.worker = Worker(app.state.service)
        app.state.worker.start()
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(app.state.worker.stop)
            await agraph.close()
            graph.close()

    app = FastAPI(
        title="survgraph",
        version="0.1.0",
        summary="A cited knowledge graph of surveillance vendors and their designations.",
        description=(
            "Answers about companies, their subsidiaries, contracts and designations "
            "(BIS Entity List, FCC Covered List, NDAA 889, ...). Every fact carries its sources. "
            "List answers share the envelope `{results, total, limit, offset}` and are also "
            "available as CSV (`Accept: text/csv` or `?format=csv`). Errors are "
            "`application/problem+json`. Reads are open; writes (screening jobs, watchlists) "
            "need an API key (`Authorization: Bearer KEY`, one of SURVGRAPH_API_KEYS), and a "
            "job or watchlist is visible only with the key that created it."
        ),
        lifespan=lifespan,
        responses=errors.ERROR_RESPONSES,
    )
    errors.install(app)
    openapi.install(app, settings)
    routers = (health, search, resolve, entities, paths, lists, changes, contracts, sectors)
    for router in (*routers, sources, screenings, watchlists):
        app.include_router(router.router)
    app.include_router(browser.router)  # Neo4j Browser's guide and style (not in the OpenAPI)
    return app
