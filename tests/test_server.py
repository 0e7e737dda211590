"""The database is a real Neo4j 5.26 Community server, and its Browser is served."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph.db import Graph
from graph.settings import get_settings


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
    from graph.settings import Settings

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
