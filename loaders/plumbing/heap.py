"""The cycle collector during a load, which holds millions of long-lived objects.

Why: a load parses every entry and builds the resolution index before it writes a row, and
all of it lives until the load ends. Python's collector walks every tracked object on each
full collection, so it kept re-reading that heap (a fifth of the index build, and a longer
pause at each full collection as the load went on: the rate fell along a 1,000,000-row
load). None of it forms cycles that need collecting while the load runs.

`LoadHeap` turns the collector off while the long-lived part is made, then freezes it (the
collector ignores frozen objects; reference counting still frees them) and turns it back on
for the rows. After each batch, one collection takes the batch's cycles and what survives it
is frozen in turn. On exit everything is unfrozen, so a process that goes on after the load
(`survgraph update` runs several) collects the load's garbage as usual.
"""

from __future__ import annotations

import gc
from types import TracebackType

__all__ = ["LoadHeap"]


class LoadHeap:
    """``with LoadHeap() as heap``: parse and build; ``heap.built()``; then per batch,
    resolve and ``heap.settled()``."""

    _enabled = True

    def __enter__(self) -> LoadHeap:
        self._enabled = gc.isenabled()
        gc.disable()
        return self

    def built(self) -> None:
        """What exists now lives until the load ends: the collector need not walk it."""
        gc.freeze()
        if self._enabled:
            gc.enable()

    def settled(self) -> None:
        """A batch is resolved: its decisions stay to the load's end, so after a collection
        of the cycles it left (the database driver leaves some per query) they are frozen
        too, and each collection walks one batch's objects, never the whole load's."""
        gc.collect()
        gc.freeze()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        gc.unfreeze()
        if self._enabled:
            gc.enable()
