"""A load's collector policy leaves the process as it found it (no database needed)."""

from __future__ import annotations

import gc

import pytest

from loaders.plumbing.heap import LoadHeap


def test_the_index_is_frozen_while_the_load_runs_and_nothing_after() -> None:
    assert gc.isenabled()
    with LoadHeap() as heap:
        assert not gc.isenabled()  # parsing and building: no collection walks the heap
        index = [[i] for i in range(1000)]
        heap.built()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(index)
        ring: list[object] = []
        ring.append(ring)  # a cycle a batch leaves behind
        del ring
        heap.settled()
        assert gc.get_freeze_count() >= len(index)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_failed_load_unfreezes_and_keeps_a_disabled_collector_off() -> None:
    gc.disable()
    try:
        with pytest.raises(RuntimeError), LoadHeap() as heap:
            heap.built()
            assert not gc.isenabled()  # the caller had it off: the load does not turn it on
            raise RuntimeError("a bad file")
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()
