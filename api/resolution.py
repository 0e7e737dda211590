"""The one door from `api/` to name resolution (the only loader code the API may use).

Everything the API needs of it is re-exported here from the package face,
`loaders.resolution`, so a change of that face is a change of these imports only.
"""

from __future__ import annotations

from loaders.resolution import (
    Candidate,
    Decision,
    GraphResolver,
    Judgement,
    Resolver,
    ResolverConfig,
    fingerprint,
)


def config_of(resolver: GraphResolver) -> ResolverConfig:
    """The configuration the index was built with (the resolver's default when none given)."""
    return resolver.config or ResolverConfig()


__all__ = [
    "Candidate",
    "Decision",
    "GraphResolver",
    "Judgement",
    "Resolver",
    "ResolverConfig",
    "config_of",
    "fingerprint",
]
