"""Reads never see half of a commit: every write announces its commit, and a read waits for
an announced commit to end and reruns when one landed while it ran (graph/consistent.py);
the blocking and the async driver carry out that one protocol alike."""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from graph import consistent
from graph.consistent import DEAD_CONNECTION, STALE_MS, Row
from graph.db import Graph
from graph.errors import SurvgraphError
from graph.settings import Settings
from tests.conftest import wipe
from tests.test_async_reads import on_loop

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


# -- one protocol, carried out alike by both drivers --------------------------------------------
#
# Each scenario makes real commits with the real write path from another thread at scripted
# steps of a read, once for the blocking and once for the async driver, from the same start.
# `scripted` passes the real protocol's steps through unchanged and notes each one with its
# outcome; both drivers must carry out the same steps, see the same epochs and rows, and end
# alike.

PROBES = "admin/probe_batches_seen"
N = 3  # probe nodes per batch
Note = tuple[Any, ...]
Act = Callable[[int, consistent.Step], None]


def seen(rows: list[dict[str, Any]]) -> dict[int, int]:
    return {r["batch"]: r["seen"] for r in rows}


# The expected notes, short so that a read's whole sequence fits on a line.
def E(started: int, committing: int = 0) -> Note:
    return ("epoch", started, committing)


def R(*batches: int) -> Note:
    return ("run", {b: N for b in batches})


def S(seconds: float) -> Note:
    return ("sleep", seconds)


def scripted(protocol: consistent.Protocol, act: Act, notes: list[Note]) -> consistent.Protocol:
    """The protocol's own steps, each noted with its outcome (or its failure); `act(i, step)`
    runs before the i-th step is carried out."""
    step = next(protocol)
    for i in itertools.count():
        act(i, step)
        try:
            try:
                outcome = yield step
            except Exception as exc:
                notes.append(("failed", type(step).__name__, isinstance(exc, DEAD_CONNECTION)))
                step = protocol.throw(exc)
            else:
                notes.append(note(step, outcome))
                step = protocol.send(outcome)
        except StopIteration as done:
            rows: list[dict[str, Any]] = done.value
            return rows


def note(step: consistent.Step, outcome: consistent.Outcome) -> Note:
    if isinstance(step, consistent.Run):
        assert isinstance(outcome, list)
        return ("run", seen(outcome))
    if isinstance(step, consistent.Sleep):
        return ("sleep", step.seconds)
    assert isinstance(outcome, tuple)
    return ("epoch", *outcome)


class WriterKilled(Exception):
    """The death of a writer between announcing its commit and committing."""


class HeldWriter(Graph):
    """The real write path with its commit held in its window: once the commit is announced
    the write waits for `release`, then commits and settles; or it dies there (`die`), so its
    transaction rolls back and its token stays open, as a killed writer's does."""

    def __init__(self, settings: Settings, batch: int, die: bool = False) -> None:
        super().__init__(settings)
        self.die = die
        self.announced = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._write_batch, args=(batch,))
        self.thread.start()
        assert self.announced.wait(timeout=30), "the held write never announced its commit"

    def _write_batch(self, batch: int) -> None:
        with contextlib.suppress(WriterKilled):
            self.write("admin/probe_batch_write", n=N, batch=batch)

    def _mark(self, name: str, **params: Any) -> None:
        super()._mark(name, **params)
        if name == "admin/write_announce":
            self.announced.set()
            if self.die:
                raise WriterKilled
            assert self.release.wait(timeout=60)

    def finish(self) -> None:
        self.release.set()
        self.thread.join(timeout=60)
        assert not self.thread.is_alive()
        self.close()


def commit_from_another_thread(graph: Graph, batch: int) -> None:
    writer = threading.Thread(
        target=graph.write, args=("admin/probe_batch_write",), kwargs={"n": N, "batch": batch}
    )
    writer.start()
    writer.join(timeout=60)


class Scenario:
    """What happens around one read: `start` before it, `act` at its steps, `finish` after."""

    limit = 10.0

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def start(self) -> None:
        pass

    def act(self, i: int, step: consistent.Step) -> None:
        pass

    def finish(self) -> None:
        pass


def on_both(graph: Graph, make: Callable[[Graph], Scenario]) -> list[tuple[list[Note], Any]]:
    """The scenario's read on the blocking, then on the async driver, each from a graph of one
    batch: its notes (epoch counts relative to the start) and its outcome (the batches it saw,
    or the error)."""
    results = []
    for blocking in (True, False):
        wipe(graph)
        graph.write("admin/probe_batch_write", n=N, batch=0)
        base = epoch(graph)["started"]
        scenario = make(graph)
        notes: list[Note] = []
        scenario.start()
        protocol = scripted(consistent.read(PROBES, {}, scenario.limit), scenario.act, notes)
        try:
            outcome: Any = seen(follow(protocol, graph.settings, blocking))
        except SurvgraphError as exc:
            outcome = (type(exc).__name__, str(exc))
        finally:
            scenario.finish()
        results.append(([relative(n, base) for n in notes], outcome))
    return results


def follow(protocol: consistent.Protocol, settings: Settings, blocking: bool) -> list[Row]:
    """Carried out by a reader of its own (so a scenario can kill the reader's connections)."""
    if blocking:
        with Graph(settings) as reader:
            return reader.follow(protocol)
    return on_loop(lambda reader: reader.follow(protocol), settings)


def relative(n: Note, base: int) -> Note:
    return ("epoch", n[1] - base, n[2]) if n[0] == "epoch" else n


def collapsed(notes: list[Note]) -> list[Note]:
    """The notes without the back-off sleeps and the repeated epochs of a wait, whose number
    depends on the machine's speed."""
    kept = [n for n in notes if n[0] != "sleep"]
    return [n for i, n in enumerate(kept) if i == 0 or n != kept[i - 1]]


def backoff(count: int) -> list[Note]:
    delays = [0.001]
    while len(delays) < count:
        delays.append(min(delays[-1] * 2, 0.05))
    return [S(d) for d in delays[:count]]


def test_a_commit_landing_mid_read_reruns_it_on_both_drivers(graph: Graph) -> None:
    class MidRead(Scenario):
        def act(self, i: int, step: consistent.Step) -> None:
            if i == 2:  # the statement has run; its closing epoch read comes next
                assert isinstance(step, consistent.ReadEpoch)
                commit_from_another_thread(self.graph, batch=1)

    blocking, on_async = on_both(graph, MidRead)
    assert blocking == on_async
    notes, outcome = blocking
    assert notes == [E(0), R(0), E(1), E(1), R(0, 1), E(1)]
    assert outcome == {0: N, 1: N}


def test_a_commit_announced_and_settled_is_waited_for_on_both_drivers(graph: Graph) -> None:
    class Announced(Scenario):
        def start(self) -> None:
            self.writer = HeldWriter(self.graph.settings, batch=1)

        def act(self, i: int, step: consistent.Step) -> None:
            if i == 5:  # the third back-off: the writer commits and settles meanwhile
                assert isinstance(step, consistent.Sleep)
                self.writer.finish()

        def finish(self) -> None:
            self.writer.finish()

    blocking, on_async = on_both(graph, Announced)
    assert blocking == on_async
    notes, outcome = blocking
    waited = [E(1, 1), S(0.001), E(1, 1), S(0.002), E(1, 1), S(0.004)]
    assert notes == [*waited, E(1), R(0, 1), E(1)]
    assert outcome == {0: N, 1: N}


def test_a_stale_token_is_waited_out_on_both_drivers(graph: Graph) -> None:
    class Stale(Scenario):
        def start(self) -> None:
            HeldWriter(self.graph.settings, batch=1, die=True).finish()

    results = on_both(graph, Stale)
    for notes, outcome in results:
        sleeps = [n for n in notes if n[0] == "sleep"]
        assert sleeps == backoff(len(sleeps)) and len(sleeps) > 20  # 5 s at 50 ms at most
        assert collapsed(notes) == [E(1, 1), E(1), R(0), E(1)]
        assert outcome == {0: N}  # the dead writer's batch rolled back
    assert results[0][1] == results[1][1]


def test_a_commit_that_never_settles_times_out_alike_on_both_drivers(graph: Graph) -> None:
    class Held(Scenario):
        limit = 0.3

        def start(self) -> None:
            self.writer = HeldWriter(self.graph.settings, batch=1)

        def finish(self) -> None:
            self.writer.finish()

    results = on_both(graph, Held)
    for notes, outcome in results:
        assert collapsed(notes) == [E(1, 1)]
        assert outcome == ("QueryTimeout", consistent.COMMITTING)


def test_a_graph_that_keeps_changing_times_out_alike_on_both_drivers(graph: Graph) -> None:
    """A commit lands during every run: every run is rerun, until the deadline."""

    class Changing(Scenario):
        limit = 1.0
        commits = 0

        def act(self, i: int, step: consistent.Step) -> None:
            if i % 3 == 2:  # every run's closing epoch read
                self.commits += 1
                commit_from_another_thread(self.graph, batch=self.commits)

    results = on_both(graph, Changing)
    for notes, outcome in results:
        runs = sum(1 for n in notes if n[0] == "run")
        assert runs >= 2
        expected = [E(0)]
        for k in range(runs):
            expected += [R(*range(k + 1)), E(k + 1)]
        assert collapsed(notes) == expected
        assert outcome == ("QueryTimeout", consistent.CHANGING)


def test_a_connection_that_died_in_the_pool_is_retried_once(graph: Graph) -> None:
    """The server closes the reader's pooled connection before the statement is sent on it.
    The blocking driver notices on taking it from the pool (the close has arrived) and opens
    another; the async driver cannot notice before its event loop runs again, which it does
    not between the close and the send (the scenario acts on the loop), so the statement
    fails on the dead connection and the protocol tries once more, on a fresh one."""

    class Killed(Scenario):
        def act(self, i: int, step: consistent.Step) -> None:
            if i == 0:
                self.before = connections(self.graph)
            if i == 1:  # the reader's epoch read opened its connection, now idle in its pool
                assert isinstance(step, consistent.Run)
                readers = connections(self.graph) - self.before
                assert readers, "the reader's connection was not found"
                self.graph.driver.execute_query(
                    "CALL dbms.killConnections($ids)", ids=sorted(readers)
                )
                time.sleep(0.05)  # the close reaches this side of the loopback

    blocking, on_async = on_both(graph, Killed)
    assert blocking == ([E(0), R(0), E(0)], {0: N})
    assert on_async == ([E(0), ("failed", "Run", True), E(0), R(0), E(0)], {0: N})


def connections(graph: Graph) -> set[str]:
    records, _, _ = graph.driver.execute_query(
        "CALL dbms.listConnections() YIELD connectionId RETURN connectionId"
    )
    return {r["connectionId"] for r in records}
