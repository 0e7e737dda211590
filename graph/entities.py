"""Builds the in-memory resolver from the entities in Neo4j.

The resolver itself (`loaders.resolver`) knows nothing of the database; this is the bridge.
Loaders, the CLI and the API all get their resolver here, so they resolve alike.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from graph.db import Graph
from loaders.normalize import normalize
from loaders.resolver import Candidate, Decision, IndexEntry, Resolver, ResolverConfig


def resolver_entries(graph: Graph) -> list[IndexEntry]:
    rows = graph.read("resolver_entries", timeout=120.0)
    return [
        IndexEntry(
            id=row["id"],
            name=row["name"] or row["id"],
            labels=tuple(row["labels"]),
            aliases=tuple(a for a in row["aliases"] if a and a != row["name"]),
        )
        for row in rows
    ]


def negative_pairs(graph: Graph) -> dict[str, set[str]]:
    """normalised input -> entity ids a reviewer rejected for it."""
    pairs: dict[str, set[str]] = {}
    for row in graph.read("negative_judgements"):
        pairs.setdefault(row["input"], set()).add(row["entity_id"])
    return pairs


class GraphResolver:
    """A resolver over the graph's entities that honours recorded negative judgements."""

    def __init__(self, graph: Graph, config: ResolverConfig | None = None) -> None:
        self.graph = graph
        self.config = config
        self.resolver = Resolver.build(resolver_entries(graph), config)
        self.rejected = negative_pairs(graph)
        self.fingerprint = fingerprint(graph)

    def __len__(self) -> int:
        return len(self.resolver)

    def excluded(self, name: str) -> set[str]:
        return self.rejected.get(normalize(name), set())

    def resolve(
        self,
        name: str,
        labels: Collection[str] | None = None,
        allowed: Collection[str] | None = None,
    ) -> Decision:
        return self.resolver.resolve(
            name, labels=labels, exclude_pairs=self.excluded(name), allowed=allowed
        )

    def search(
        self,
        query: str,
        limit: int = 10,
        labels: Collection[str] | None = None,
        allowed: Collection[str] | None = None,
    ) -> list[Candidate]:
        """Ranked candidates for a search box; rejected pairs are left out here too."""
        hits = self.resolver.search(query, limit=limit + 5, labels=labels, allowed=allowed)
        excluded = self.excluded(query)
        return [hit for hit in hits if hit.id not in excluded][:limit]


def fingerprint(graph: Graph) -> dict[str, Any]:
    """Changes whenever a load or a review could change what the resolver should answer."""
    return graph.read_one("resolver_fingerprint") or {}
