"""The one door from `api/` to the resolver (the only loader code the API may use).

Everything the API needs of name resolution is re-exported here, so that when the resolver
moves behind `loaders.resolution` only these imports change.
"""

from __future__ import annotations

from graph.entities import GraphResolver, fingerprint
from loaders.resolver import Candidate, Decision, Resolver, ResolverConfig


def config_of(resolver: GraphResolver) -> ResolverConfig:
    """The configuration the index was built with (the resolver's default when none given)."""
    return resolver.config or ResolverConfig()


__all__ = [
    "Candidate",
    "Decision",
    "GraphResolver",
    "Resolver",
    "ResolverConfig",
    "config_of",
    "fingerprint",
]
