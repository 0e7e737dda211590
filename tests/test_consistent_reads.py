"""Reads never see half of a commit: every write announces its commit, and a read waits for
an announced commit to end and reruns when one landed while it ran (graph/consistent.py)."""

from __future__ import annotations

import threading
import time
import uuid

import pytest

from graph.consistent import STALE_MS
from graph.db import Graph
from tests.conftest import wipe

BATCH = 4000
BATCHES = 25  # fixed: the reads slow down as the hub grows, so never "write until N reads"


@pytest.fixture()
def clean(graph: Graph) -> Graph:
    wipe(graph)
    return graph


def epoch(graph: Graph) -> dict[str, int]:
    return graph.read_one("admin/write_epoch", stale_ms=STALE_MS) or {}


def test_a_write_announces_its_commit_and_settles(clean: Graph) -> None:
    before = epoch(clean)
    clean.write("admin/probe_batch_write", n=3, batch=1)
    after = epoch(clean)
    assert after["started"] == before["started"] + 1
    assert after["committing"] == 0


def test_a_read_waits_while_a_commit_is_announced(clean: Graph) -> None:
    clean.write("admin/probe_batch_write", n=3, batch=1)
    token = uuid.uuid4().hex
    clean._mark("admin/write_announce", token=token, stale_ms=STALE_MS)
    done: list[float] = []
    reader = threading.Thread(
        target=lambda: done.append(clean.read("admin/probe_batches_seen") and time.monotonic())
    )
    reader.start()
    time.sleep(0.5)
    assert not done, "the read went ahead while a commit was announced"
    settled = time.monotonic()
    clean._mark("admin/write_settle", token=token)
    reader.join(timeout=10)
    assert done and done[0] >= settled


def test_a_token_a_dead_writer_left_expires(clean: Graph) -> None:
    clean._mark("admin/write_announce", token=uuid.uuid4().hex, stale_ms=STALE_MS)
    started = time.monotonic()
    clean.read("admin/probe_batches_seen", timeout=STALE_MS / 1000 + 10)
    assert time.monotonic() - started < STALE_MS / 1000 + 5


def test_no_read_sees_part_of_a_batch(clean: Graph) -> None:
    """Readers scan the probe nodes while a writer commits batches of BATCH nodes."""
    stop = threading.Event()
    partial: list[dict[int, int]] = []
    reads = [0]

    def read_loop() -> None:
        while not stop.is_set():
            seen = {r["batch"]: r["seen"] for r in clean.read("admin/probe_batches_seen")}
            reads[0] += 1
            if any(n != BATCH for n in seen.values()):
                partial.append(seen)

    readers = [threading.Thread(target=read_loop) for _ in range(4)]
    for r in readers:
        r.start()
    try:
        for batch in range(BATCHES):
            clean.write("admin/probe_batch_write", n=BATCH, batch=batch)
    finally:
        stop.set()
        for r in readers:
            r.join(timeout=60)
    assert reads[0] >= 10, "the readers hardly ran while the batches committed"
    assert not partial, f"{len(partial)} of {reads[0]} reads saw part of a batch: {partial[:3]}"
