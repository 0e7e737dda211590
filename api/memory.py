"""Keeps the API's resident memory flat across search-index rebuilds (glibc Linux only).

Each rebuild allocates a new index (hundreds of thousands of small objects) and frees the old
one. With glibc's default of up to 8 malloc arenas per core, the API's 64 worker threads
scatter those allocations over many arenas, and freed space in them is seldom returned to the
system: `bench/soak_api.py` measured the RSS growing 24 % over four minutes of list reloads.
Two arenas (what `MALLOC_ARENA_MAX=2` gives) and a trim after each rebuild keep it flat.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache

M_ARENA_MAX = -8  # mallopt parameter, from glibc's malloc.h
ARENAS = 2


@cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def limit_arenas() -> bool:
    """Call before the worker threads start; True when glibc took the setting."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(M_ARENA_MAX, ARENAS))


def trim() -> None:
    """Return freed heap memory to the system (after an old index was released)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
