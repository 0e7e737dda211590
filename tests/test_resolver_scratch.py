"""The resolver's per-query shortcuts give the answers the plain computation gives.

Why these exist: the pre-ranking fills per-thread scratch arrays, common-word pools are
intersected by marking one list, a query aligns each distinct text once, ties are
reordered only as deep as the caller reads, and the build sums form masses in slices. Each
is only right if it never leaks between threads, between lists or between entities, or past
the cut or a slice's edge; these tests would fail if one did. They run on small in-memory
indexes: no database is involved.
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from loaders.resolution import IndexEntry, Resolver, ResolverConfig
from loaders.resolution.normalize import ADMIN_WORDS, COMMON_DESCRIPTORS, PLACE_PREFIXES
from loaders.resolution.postings import common

TRADE = ["Kavtian", "Weixin", "Parstong", "Yuanzhong", "Sanatkai", "Zhongyuan", "Radiowei"]
DESCRIPTORS = ["Technology", "Electronics", "Trading", "Precision Instruments", "Shipping"]
PLACES = ["Hangzhou", "Shanghai", "Beijing", "Dubai", "Moscow", "Tehran"]
FORMS = ["Co., Ltd.", "LLC", "JSC", "OOO", "GmbH"]


def _entries(n: int, seed: int = 3) -> list[IndexEntry]:
    """Names that share words the way list entries do: one trade name in many places."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = " ".join(
            [rng.choice(PLACES), rng.choice(TRADE), rng.choice(DESCRIPTORS), rng.choice(FORMS)]
        )
        aliases = (f"{rng.choice(TRADE)} {rng.choice(DESCRIPTORS)}",) if i % 3 == 0 else ()
        out.append(IndexEntry(f"company:{i}", name, aliases=aliases))
    return out


def _queries(entries: list[IndexEntry], n: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    out = []
    for entry in rng.sample(entries, n):
        words = entry.name.split()
        if rng.random() < 0.3:
            words.pop(rng.randrange(len(words)))  # a word dropped
        if rng.random() < 0.3:
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 6:
                words[i] = w[:3] + w[4] + w[3] + w[5:]  # two letters swapped
        out.append(" ".join(words))
    return out


@pytest.fixture()
def fast_switching() -> Iterator[None]:
    """Threads switch every microsecond, so a shared scratch array would be caught mid-use."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@pytest.mark.parametrize("config", [ResolverConfig(), ResolverConfig(lenient_places=False)])
def test_threads_get_the_answers_one_thread_gets(
    config: ResolverConfig, fast_switching: None
) -> None:
    entries = _entries(3000)
    resolver = Resolver.build(entries, config)
    queries = _queries(entries, 300)
    alone = [resolver.resolve(q).to_json() for q in queries]
    searched = [[c.id for c in resolver.search(q)] for q in queries]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda q: resolver.resolve(q).to_json(), queries * 4))
        found = list(pool.map(lambda q: [c.id for c in resolver.search(q)], queries * 4))
    assert together == alone * 4
    assert found == searched * 4


def test_marked_intersection_is_the_sorted_intersection() -> None:
    rng = np.random.default_rng(11)
    n = 5000
    mark = np.zeros(n, dtype=np.bool_)
    sizes = [0, 1, 7, 300, 2500, 5000]
    for la, lb in itertools.product(sizes, sizes):
        a = np.sort(rng.choice(n, size=la, replace=False)).astype(np.int32)
        b = np.sort(rng.choice(n, size=lb, replace=False)).astype(np.int32)
        got = common(a, b, mark)
        assert got.tolist() == sorted(set(a.tolist()) & set(b.tolist()))
        assert not mark.any(), "the marks are cleared for the next query"


def test_one_text_of_two_entities_is_judged_by_each_entitys_own_places() -> None:
    """An input's extra place is harmless only against the entity that carries it: two
    entities named alike, one of them in Beijing, must not share one alignment."""
    name = "Foo Vision Technology"
    entries = [
        IndexEntry("company:a", name, aliases=("Beijing Office of Foo Vision",)),
        IndexEntry("company:b", name, aliases=("Shanghai Office of Foo Vision",)),
        *_entries(200),
    ]
    resolver = Resolver.build(entries)
    for query in ("Beijing Foo Vision Technology", "Foo Vision Technology Beijing"):
        scores = {c.id: c.score for c in resolver.search(query)}
        assert scores["company:a"] > scores["company:b"], query
    # Without a place in the input the two read the same: one alignment serves both.
    scores = {c.id: c.score for c in resolver.search("Foo Vision Technology")}
    assert scores["company:a"] == scores["company:b"]


def _namesakes(n: int, seed: int = 7) -> list[IndexEntry]:
    """Many entities whose names tie once legal forms and case are set aside, spelt apart."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        trade, desc = rng.choice(TRADE[:3]), rng.choice(DESCRIPTORS[:2])
        name = f"{trade} {desc} {rng.choice(FORMS)}"
        out.append(IndexEntry(f"company:{i}", name.upper() if i % 2 else name))
    return out


@pytest.mark.parametrize("depth", [1, 3, 5, 10])
@pytest.mark.parametrize("tie", [1e-9, 0.02])
def test_the_rows_a_caller_reads_are_ordered_as_a_full_reorder_orders_them(
    depth: int, tie: float
) -> None:
    """Ties are reordered by spelling only as deep as the caller reads (resolve: its
    candidates; search: its limit); those rows must be the ones a full reorder gives."""
    entries = _namesakes(400)
    resolver = Resolver.build(entries, ResolverConfig(max_scored=40))
    queries = [e.name for e in entries[:40]] + _queries(entries, 40)
    ties = 0
    for q in queries:
        full, _ = resolver._rank(q, None, frozenset(), 40, tie=tie)
        cut, _ = resolver._rank(q, None, frozenset(), 40, tie=tie, depth=depth)
        assert cut[:depth] == full[:depth], q
        assert sorted(cut) == sorted(full), "no row is lost or added"
        ties += len(full) > depth and full[0].score - full[depth].score <= tie
    assert ties > len(queries) // 2, "the names tie deep enough to test the cut"


@pytest.mark.parametrize("piece", [1, 7, 1 << 17])
def test_form_masses_summed_in_slices_are_those_summed_at_once(
    piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pre-ranking's form masses are summed a slice of forms at a time (to spare the
    build's peak memory); whatever the slice, each must be its form's token weights summed
    in order, to the bit (a slice's edge off by one shifts a token to its neighbour)."""
    entries = _entries(2000) + _namesakes(500)
    monkeypatch.setattr("loaders.resolution.blocking._MASS_SLICE", piece)
    resolver = Resolver.build(entries)
    postings, got = resolver._postings, resolver._blocker._form_mass
    weights = resolver._blocker._w
    generic = COMMON_DESCRIPTORS | PLACE_PREFIXES | ADMIN_WORDS
    want = []
    for f in range(len(postings.form_text)):
        lo, hi = postings.form_tokens_off[f], postings.form_tokens_off[f + 1]
        mass = 0.0
        for k in postings.form_tokens[lo:hi].tolist():
            generic_word = postings.words[k] in generic
            mass += weights[k] * (ResolverConfig().omitted_weight if generic_word else 1.0)
        want.append(mass)
    assert got.tolist() == np.array(want, dtype=np.float32).tolist()
