"""Is Neo4j reachable, which version, how big is the graph."""

from __future__ import annotations

from api import models as m
from api.queries.steps import Query, read, read_one

# Short on purpose: a load balancer asking should hear "down" quickly, not wait a query out.
HEALTH_TIMEOUT_S = 3.0


def health() -> Query[m.Health]:
    components = yield from read("admin/server_components", timeout=HEALTH_TIMEOUT_S)
    counts = (yield from read_one("admin/graph_counts", timeout=HEALTH_TIMEOUT_S)) or {}
    kernel = next((c for c in components if c.get("name") == "Neo4j Kernel"), {})
    return m.Health(
        status="ok",
        neo4j_version=kernel.get("version"),
        neo4j_edition=kernel.get("edition"),
        nodes=int(counts.get("nodes") or 0),
        relationships=int(counts.get("relationships") or 0),
    )
