"""The resolver index the API searches, built from the graph and rebuilt when the graph changes.

Building reads every :Entity once (`api_resolver_entries`). Afterwards, at most every
`check_every_s` seconds, a request runs the cheap `api_resolver_fingerprint` query (counts
from the count store, latest load); when the fingerprint differs the index is rebuilt in a
background thread while the previous index keeps serving (a reference swap), so no search
waits for a rebuild except the very first one.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from graph.db import Graph
from loaders.resolver import IndexEntry, Resolver

log = logging.getLogger("survgraph.api")


class SearchIndex:
    def __init__(self, graph: Graph, check_every_s: float = 3.0) -> None:
        self.graph = graph
        self.check_every_s = check_every_s
        self._lock = threading.Lock()
        self._resolver: Resolver | None = None
        self._fingerprint: dict[str, Any] | None = None
        self._checked_at = 0.0
        self._rebuilding = False
        self.builds = 0

    def resolver(self) -> Resolver:
        """The current index. Only the very first call waits for a build; later, when the
        fingerprint changed, one background thread rebuilds while the old index serves."""
        current = self._resolver
        if current is not None and (
            self._rebuilding or time.monotonic() - self._checked_at < self.check_every_s
        ):
            return current
        with self._lock:
            if self._resolver is None:
                fingerprint = self.graph.read_one("api_resolver_fingerprint") or {}
                self._resolver = self._build()
                self._fingerprint = fingerprint
                self._checked_at = time.monotonic()
                return self._resolver
            if self._rebuilding or time.monotonic() - self._checked_at < self.check_every_s:
                return self._resolver
            self._checked_at = time.monotonic()
            fingerprint = self.graph.read_one("api_resolver_fingerprint") or {}
            if fingerprint != self._fingerprint:
                self._rebuilding = True
                threading.Thread(target=self._rebuild, args=(fingerprint,), daemon=True).start()
            return self._resolver

    def _rebuild(self, fingerprint: dict[str, Any]) -> None:
        try:
            resolver = self._build()
            with self._lock:
                self._resolver = resolver
                self._fingerprint = fingerprint
        except Exception:
            log.exception("rebuilding the search index failed; keeping the previous one")
        finally:
            self._rebuilding = False

    def wait_idle(self, timeout: float = 60.0) -> None:
        """Wait for a background rebuild to finish (tests)."""
        deadline = time.monotonic() + timeout
        while self._rebuilding and time.monotonic() < deadline:
            time.sleep(0.05)

    def invalidate(self) -> None:
        """Force a fingerprint check on the next request (tests, after a load)."""
        self._checked_at = 0.0

    def _build(self) -> Resolver:
        rows = self.graph.read("api_resolver_entries", timeout=300.0)
        entries = (
            IndexEntry(
                id=row["id"],
                name=row["name"],
                labels=tuple(row["labels"]),
                aliases=tuple(a for a in row["aliases"] if isinstance(a, str) and a),
            )
            for row in rows
        )
        resolver = Resolver.build(entries)
        self.builds += 1
        return resolver
