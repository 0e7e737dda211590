"""Brands in the search index: a brand name (EZVIZ, Lorex) found like a name leads to the
company whose brand it is and to the designations of that company and of its owners.

The table is read with the resolver index (api/search_index.py), so a search stays a lookup
in memory; designations are filtered by day at question time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from graph.db import Graph

MIN_SCORE = 0.9  # a brand is a short word: only a near-exact spelling finds it


@dataclass(frozen=True)
class BrandEntry:
    brand: dict[str, Any]
    owner: dict[str, Any]
    group: list[dict[str, Any]]
    source_ids: list[str]
    quote: str | None

    def names(self) -> list[str]:
        return [str(self.brand.get("name") or ""), *(self.brand.get("aliases") or [])]


def read_brands(graph: Graph) -> list[BrandEntry]:
    return [
        BrandEntry(r["brand"], r["owner"], list(r["group"]), list(r["source_ids"]), r["quote"])
        for r in graph.read("api/brands")
    ]


def score(query: str, entry: BrandEntry) -> float:
    """The best similarity of the query to the brand's name or aliases (0..1, case-folded)."""
    wanted = query.casefold().strip()
    return max(fuzz.ratio(wanted, name.casefold().strip()) / 100 for name in entry.names())


def in_force(designation: dict[str, Any], day: str) -> bool:
    """As every answer reads a designation (api/entity.cypher): in force and decided on day."""
    since = str(designation.get("since") or "")
    until, decided = designation.get("until"), designation.get("decided_from")
    if decided is None or str(decided) > day:
        return False
    return since <= day and (until is None or str(until) > day)


def matches(entries: list[BrandEntry], query: str, limit: int) -> list[tuple[float, BrandEntry]]:
    found = [(score(query, e), e) for e in entries]
    return sorted(
        ((s, e) for s, e in found if s >= MIN_SCORE), key=lambda x: (-x[0], x[1].brand["id"])
    )[:limit]
