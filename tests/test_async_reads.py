"""The async read path (graph/adb.py) keeps the blocking path's rules: the server refuses a
write sent through it, it waits while a commit is announced and never shows part of a batch,
and every question answers on it exactly as on the blocking driver (which the CLI uses)."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.queries import changes, contracts, entities, health, lists, paths, sources
from api.queries.steps import Query, arun, run
from graph.adb import AsyncGraph, SharedEpochs
from graph.consistent import STALE_MS
from graph.db import Graph
from graph.errors import NotFound, SurvgraphError
from graph.settings import Settings
from tests.conftest import wipe
from tests.test_api_support import BIS, HAISHI, fresh_curated
from tests.test_read_access import SessionModes

T = TypeVar("T")
HIK = "company:hikvision"
BATCH = 2000


def on_loop(make: Callable[[AsyncGraph], Awaitable[T]], settings: Settings) -> T:
    """One coroutine on a fresh event loop with its own async driver."""

    async def main() -> T:
        agraph = AsyncGraph(settings)
        try:
            return await make(agraph)
        finally:
            await agraph.close()

    return asyncio.run(main())


@pytest.fixture(scope="module")
def curated(graph: Graph) -> Graph:
    fresh_curated(graph)
    return graph


def test_the_server_refuses_a_write_sent_as_an_async_read(curated: Graph) -> None:
    with pytest.raises(SurvgraphError, match="read access mode"):
        on_loop(lambda a: a.read("admin/read_mode_probe"), curated.settings)
    rows = curated.read("admin/graph_nodes")
    assert not [r for r in rows if "ReadModeProbe" in r["labels"]]


def questions(graph: Graph) -> Iterator[Callable[[], Query[Any]]]:
    """Each question of the API (those on the event loop), as a fresh generator per call."""
    s = graph.settings
    yield health.health
    yield lambda: entities.entity(s, HIK, as_of="2023-12-31")
    yield lambda: entities.subsidiaries(s, HIK, listed=True, as_of="2023-12-31")
    yield lambda: entities.subsidiaries(s, HIK, list_id=BIS, lists=[BIS])
    yield lambda: entities.exposure(s, HAISHI[3])
    yield lambda: entities.timeline(s, HIK, as_of="2019-12-31")
    yield lambda: entities.neighborhood(s, HIK, depth=2)
    yield lambda: paths.paths(HAISHI[3], BIS, max_hops=6)
    yield lambda: paths.paths(BIS, HAISHI[3])
    yield lambda: paths.paths(HIK, HIK)
    yield lambda: lists.lists(s)
    yield lambda: lists.list_entities(s, BIS, include_ended=True)
    yield lambda: changes.changes(s, "2000-01-01")
    yield lambda: contracts.contracts(s, region="place:cn-xinjiang")
    yield lambda: sources.source(s, "source:reuters-2024-12-hikvision-xinjiang")


def test_every_question_answers_alike_on_both_drivers(curated: Graph) -> None:
    asked = list(questions(curated))

    async def all_async(agraph: AsyncGraph) -> list[Any]:
        return [await arun(ask(), agraph) for ask in asked]

    blocking = [run(ask(), curated).model_dump(mode="json") for ask in asked]
    answers = on_loop(all_async, curated.settings)
    assert [a.model_dump(mode="json") for a in answers] == blocking
    assert any(a["results"] for a in blocking if "results" in a)  # not all empty


def test_an_unknown_id_is_the_same_404_on_both(curated: Graph) -> None:
    with pytest.raises(NotFound) as blocking:
        run(entities.entity(curated.settings, "company:nope"), curated)
    with pytest.raises(NotFound) as on_async:
        on_loop(
            lambda a: arun(entities.entity(curated.settings, "company:nope"), a), curated.settings
        )
    assert str(blocking.value) == str(on_async.value)


def test_the_api_reads_through_the_async_driver_in_read_mode(curated: Graph) -> None:
    """The app's answers come from its async driver; the search index's blocking reads are
    read sessions too."""
    with TestClient(create_app(curated.settings)) as client:
        state = client.app.state  # type: ignore[attr-defined]
        assert isinstance(state.graph, AsyncGraph)
        async_spy = SessionModes(state.graph.driver)
        blocking_spy = SessionModes(state.blocking_graph.driver)
        for path in (f"/entities/{HIK}/subsidiaries?listed=true", f"/paths?from={HIK}&to={BIS}"):
            assert client.get(path).status_code == 200
        assert async_spy.modes and set(async_spy.modes) == {neo4j.READ_ACCESS}
        assert not blocking_spy.modes  # the hot reads never took the blocking driver
        for method, path, body in (
            ("GET", f"/search?q=Hikvision&lists={BIS}", None),
            ("POST", "/resolve", {"names": ["Hikvision"], "lists": [BIS]}),
        ):
            assert client.request(method, path, json=body).status_code == 200
        assert blocking_spy.modes and set(blocking_spy.modes) == {neo4j.READ_ACCESS}


# -- the consistent-read protocol ---------------------------------------------------------------


@pytest.fixture()
def clean(graph: Graph) -> Graph:
    wipe(graph)
    return graph


def test_an_async_read_waits_while_a_commit_is_announced(clean: Graph) -> None:
    clean.write("admin/probe_batch_write", n=3, batch=1)
    token = uuid.uuid4().hex
    clean._mark("admin/write_announce", token=token, stale_ms=STALE_MS)
    settled: list[float] = []

    def settle_later() -> None:
        time.sleep(0.5)
        settled.append(time.monotonic())
        clean._mark("admin/write_settle", token=token)

    async def read(agraph: AsyncGraph) -> float:
        await agraph.read("admin/probe_batches_seen")
        return time.monotonic()

    threading.Thread(target=settle_later).start()
    done = on_loop(read, clean.settings)
    assert settled and done >= settled[0], "the read went ahead while a commit was announced"


def test_no_async_read_sees_part_of_a_batch(clean: Graph) -> None:
    """Async readers scan the probe nodes while a blocking writer commits batches (paced, so
    that reads also land between commits and not only rerun until the writer is done)."""
    stop = threading.Event()
    started = threading.Event()
    partial: list[dict[int, int]] = []
    reads = [0]

    async def reader(agraph: AsyncGraph) -> None:
        while not stop.is_set():
            rows = await agraph.read("admin/probe_batches_seen")
            reads[0] += 1
            started.set()
            seen = {r["batch"]: r["seen"] for r in rows}
            if any(n != BATCH for n in seen.values()):
                partial.append(seen)

    async def readers(agraph: AsyncGraph) -> None:
        await asyncio.gather(*(reader(agraph) for _ in range(4)))

    thread = threading.Thread(target=on_loop, args=(readers, clean.settings))
    thread.start()
    assert started.wait(timeout=30)
    try:
        # 30 batches, each written once the readers have finished a read since the last
        # one (or after 5 s): reads land between commits however busy the machine is, and
        # the writer never outruns them until every read gives up ("kept changing").
        for batch in range(30):
            clean.write("admin/probe_batch_write", n=BATCH, batch=batch)
            seen, deadline = reads[0], time.monotonic() + 5.0
            while reads[0] == seen and time.monotonic() < deadline:
                time.sleep(0.01)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert reads[0] > 20
    assert not partial, f"{len(partial)} of {reads[0]} reads saw part of a batch: {partial[:3]}"


# -- shared epoch reads -------------------------------------------------------------------------


class Ticks:
    """An epoch reader that counts its reads and returns the count, after one loop turn."""

    def __init__(self, fail: bool = False) -> None:
        self.reads = 0
        self.fail = fail

    async def __call__(self) -> tuple[int, int]:
        self.reads += 1
        sent = self.reads
        await asyncio.sleep(0.01)
        if self.fail:
            raise RuntimeError("epoch read failed")
        return sent, 0


def test_callers_that_ask_together_share_one_epoch_read() -> None:
    async def main() -> tuple[list[tuple[int, int]], int]:
        ticks = Ticks()
        shared = SharedEpochs(ticks)
        got = await asyncio.gather(*(shared.read_after_now() for _ in range(10)))
        return got, ticks.reads

    got, reads = asyncio.run(main())
    assert reads == 1 and set(got) == {(1, 0)}


def test_a_caller_after_the_read_was_sent_gets_a_later_read() -> None:
    async def main() -> tuple[tuple[int, int], tuple[int, int]]:
        shared = SharedEpochs(Ticks())
        first = asyncio.ensure_future(shared.read_after_now())
        await asyncio.sleep(0.001)  # the first read is on its way
        second = await shared.read_after_now()
        return await first, second

    first, second = asyncio.run(main())
    assert second[0] > first[0]


def test_one_callers_cancellation_leaves_the_others_their_read() -> None:
    async def main() -> tuple[int, int]:
        shared = SharedEpochs(Ticks())
        gone = asyncio.ensure_future(shared.read_after_now())
        stays = asyncio.ensure_future(shared.read_after_now())
        await asyncio.sleep(0)
        gone.cancel()
        return await stays

    assert asyncio.run(main()) == (1, 0)


def test_a_failed_epoch_read_reaches_every_caller() -> None:
    async def main() -> list[BaseException | tuple[int, int]]:
        shared = SharedEpochs(Ticks(fail=True))
        return await asyncio.gather(
            *(shared.read_after_now() for _ in range(3)), return_exceptions=True
        )

    assert all(isinstance(x, RuntimeError) for x in asyncio.run(main()))


def test_concurrent_reads_share_their_epoch_round_trips(graph: Graph) -> None:
    """32 reads at once: one statement each, and far fewer than two epoch reads each."""

    async def main(agraph: AsyncGraph) -> list[list[dict[str, Any]]]:
        spy = SessionModes(agraph.driver)  # type: ignore[arg-type]
        rows = await asyncio.gather(*(agraph.read("admin/graph_counts") for _ in range(32)))
        assert len(spy.modes) < 32 + 2 * 32 // 2, len(spy.modes)
        assert set(spy.modes) == {neo4j.READ_ACCESS}
        return rows

    rows = on_loop(main, graph.settings)
    assert all(r == rows[0] and r for r in rows)
