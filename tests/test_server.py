"""The database is a real Neo4j 5.26 Community server, its Browser is served, and both
drivers are built with the settings' options."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import anyio.to_thread
import httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from api.app import create_app
from graph.adb import AsyncGraph
from graph.db import Graph
from graph.errors import SurvgraphError
from graph.settings import Settings, get_settings


def test_driver_writes_and_reads_back(empty_graph: Graph) -> None:
    settings = get_settings()
    marker = str(uuid.uuid4())
    with GraphDatabase.driver(
        settings.uri, auth=(settings.neo4j_user, settings.neo4j_password)
    ) as driver:
        driver.execute_query(
            "CREATE (:ServerProbe {marker: $marker, n: 42})",
            {"marker": marker},
            database_=settings.neo4j_database,
        )
        records, _, _ = driver.execute_query(
            "MATCH (p:ServerProbe {marker: $marker}) RETURN p.n AS n",
            {"marker": marker},
            database_=settings.neo4j_database,
        )
        assert [r["n"] for r in records] == [42]
        driver.execute_query(
            "MATCH (p:ServerProbe {marker: $marker}) DELETE p",
            {"marker": marker},
            database_=settings.neo4j_database,
        )


def test_server_is_neo4j_5_26_community(graph: Graph) -> None:
    rows = graph.read("admin/server_components")
    kernel = [r for r in rows if r["name"] == "Neo4j Kernel"]
    assert kernel, rows
    assert kernel[0]["version"].startswith("5.26.")
    assert kernel[0]["edition"] == "community"


def test_browser_is_served() -> None:
    settings = get_settings()
    if not settings.local_server:
        pytest.skip("NEO4J_URI points at an external server; its Browser is not ours to check")
    response = httpx.get(f"http://127.0.0.1:{settings.db_http_port}/browser/", timeout=10)
    assert response.status_code == 200
    assert "<title>Neo4j Browser</title>" in response.text


def test_wrong_password_is_refused() -> None:
    settings = get_settings()
    wrong = (settings.neo4j_user, "not-the-password")
    with (
        GraphDatabase.driver(settings.uri, auth=wrong) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


def test_second_start_is_a_no_op() -> None:
    from graph import server

    settings = get_settings()
    if not settings.local_server:
        pytest.skip("NEO4J_URI points at an external server: survgraph starts nothing")
    before = server.status(settings)
    assert before.running
    after = server.start(settings)
    assert after.running and after.pid == before.pid


def test_a_taken_port_is_named(tmp_path: Path) -> None:
    """A second server home cannot start while ours holds the ports, and says which port."""
    from graph import server

    if not get_settings().local_server:
        pytest.skip("NEO4J_URI points at an external server")
    ours = get_settings()
    other = Settings(
        SURVGRAPH_DB_HOME=tmp_path / "other-home",
        SURVGRAPH_BOLT_PORT=ours.db_bolt_port,
        SURVGRAPH_HTTP_PORT=ours.db_http_port,
    )
    port = ours.db_bolt_port
    with pytest.raises(server.ServerError, match=rf"port {port} on 127\.0\.0\.1 is already taken"):
        server.start(other)
    assert not (tmp_path / "other-home" / "data").exists()


# -- driver options from the settings ----------------------------------------------------------

HOLD = "UNWIND range(1, 100000) AS x RETURN x"  # a result left unread keeps its connection


def small_pool(graph: Graph) -> Settings:
    """Our server's settings with a pool of 2 that gives up waiting for a connection quickly."""
    return graph.settings.model_copy(
        update={"pool_size": 2, "connection_acquisition_timeout_s": 0.5}
    )


def assert_pool_exhausted(exc: SurvgraphError) -> None:
    assert "failed to obtain a connection from the pool within 0.5s" in str(exc.__cause__)


def test_the_pool_size_setting_reaches_the_blocking_driver(graph: Graph) -> None:
    """Two connections held: a third read waits the acquisition timeout and fails; one
    given back, it runs."""
    with Graph(small_pool(graph)) as small:
        held = [small.driver.session(database=small.database) for _ in range(2)]
        for session in held:
            session.run(HOLD)
        with pytest.raises(SurvgraphError) as exhausted:
            small.read("admin/graph_counts")
        assert_pool_exhausted(exhausted.value)
        held.pop().close()
        assert small.read("admin/graph_counts")
        held.pop().close()


def test_the_pool_size_setting_reaches_the_async_driver(graph: Graph) -> None:
    async def main() -> None:
        small = AsyncGraph(small_pool(graph))
        held = [small.driver.session(database=small.database) for _ in range(2)]
        try:
            for session in held:
                await session.run(HOLD)
            with pytest.raises(SurvgraphError) as exhausted:
                await small.read("admin/graph_counts")
            assert_pool_exhausted(exhausted.value)
            await held.pop().close()
            assert await small.read("admin/graph_counts")
        finally:
            for session in held:
                await session.close()
            await small.close()

    asyncio.run(main())


def test_the_api_threads_follow_the_pool_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The thread pool for blocking work is as large as the blocking driver's pool, as the
    environment sets it."""
    monkeypatch.setenv("SURVGRAPH_POOL_SIZE", "2")
    with TestClient(create_app(Settings())) as client:
        assert client.portal is not None
        limiter = client.portal.call(anyio.to_thread.current_default_thread_limiter)
        assert limiter.total_tokens == 2
