"""The resolver index the API searches, built from the graph and rebuilt when the graph changes.

It is the same `GraphResolver` the loaders and `survgraph resolve` use (so `POST /resolve`
answers as the CLI does, negative review judgements included). At most every
`check_every_s` seconds, a request runs the cheap fingerprint query (counts from the count
store, latest load, settled reviews); when the fingerprint differs the index is rebuilt in a
background thread while the previous index keeps serving (a reference swap), so no search
waits for a rebuild except the very first one.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from typing import Any

from api import memory
from api.brands import BrandEntry, read_brands
from api.resolution import GraphResolver, fingerprint
from graph.db import Graph

log = logging.getLogger("survgraph.api")


class SearchIndex:
    def __init__(self, graph: Graph, check_every_s: float = 3.0) -> None:
        self.graph = graph
        self.check_every_s = check_every_s
        self._lock = threading.Lock()
        self._resolver: GraphResolver | None = None
        self._brands: list[BrandEntry] = []
        self._fingerprint: dict[str, Any] | None = None
        # None: a check is due. Never a number standing for "long ago": time.monotonic()
        # counts from an arbitrary point (boot, on Linux), so any such number can be recent.
        self._checked_at: float | None = None
        self._rebuilding = False
        self.builds = 0

    def _fresh(self) -> bool:
        """No fingerprint check is due: one ran recently, or a rebuild is already under way."""
        if self._rebuilding:
            return True
        checked = self._checked_at
        return checked is not None and time.monotonic() - checked < self.check_every_s

    def ready(self) -> bool:
        """True when a search needs no database round trip: the index is built and no
        fingerprint check is due."""
        return self._resolver is not None and self._fresh()

    def resolver(self) -> GraphResolver:
        """The current index. Only the very first call waits for a build; later, when the
        fingerprint changed, one background thread rebuilds while the old index serves."""
        current = self._resolver
        if current is not None and self._fresh():
            return current
        with self._lock:
            if self._resolver is None:
                current_print = fingerprint(self.graph)
                self._resolver = self._build()
                self._fingerprint = current_print
                self._checked_at = time.monotonic()
                _settle()
                return self._resolver
            if self._fresh():
                return self._resolver
            self._checked_at = time.monotonic()
            current_print = fingerprint(self.graph)
            if current_print != self._fingerprint:
                self._rebuilding = True
                threading.Thread(target=self._rebuild, args=(current_print,), daemon=True).start()
            return self._resolver

    def _rebuild(self, new_print: dict[str, Any]) -> None:
        try:
            resolver = self._build()
            with self._lock:
                self._resolver = resolver
                self._fingerprint = new_print
            _settle()
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
        self._checked_at = None

    def brands(self) -> list[BrandEntry]:
        """The brands read with the current index (call after `resolver()`)."""
        return self._brands

    def _build(self) -> GraphResolver:
        resolver = GraphResolver(self.graph)
        self._brands = read_brands(self.graph)
        self.builds += 1
        return resolver


def _settle() -> None:
    """Move the index's objects out of the garbage collector's reach.

    A large graph's index is millions of long-lived objects; every full collection would walk
    them all (about 0.25 s per million, with the GIL held), which shows up as stalls in every
    request of the process. Frozen objects are still freed by reference counting when the
    next rebuild replaces the index, so nothing leaks but reference cycles, which the index
    does not make."""
    gc.collect()
    gc.freeze()
    memory.trim()
