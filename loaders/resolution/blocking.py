"""Blocking: the few stored forms worth aligning with a query, out of millions.

Why it is built this way: the query's tokens are probed rarest first with a posting budget,
so frequent words ("technology", "china") never expand the candidate set and cost does not
grow with index size x queries. Unknown query tokens probe their typo neighbours and split
halves, adjacent query tokens are joined ("Hik Vision"), so spelling variants still block.
The pooled forms are pre-ranked by an estimate of the final score (the credited IDF mass
they share with the query over both sides' mass), so only the most promising few are
aligned in Python.

What it gives: form ids, best first. What a form's alignment would score is not its
business (`loaders.resolution.alignment`); it only has to keep the form that would win.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from loaders.resolution.decision import ResolverConfig
from loaders.resolution.normalize import ADMIN_WORDS, COMMON_DESCRIPTORS, PLACE_PREFIXES
from loaders.resolution.postings import Postings, common
from loaders.resolution.vocabulary import Vocabulary, plural_variants

__all__ = ["Blocker"]

_MASS_SLICE = 1 << 17  # forms whose masses are summed at once (a few MB of temporaries)


@dataclass(slots=True)
class _Scratch:
    """Zeroed arrays a query fills and zeroes again: a gather or a scatter in place of a
    search per element."""

    credits: npt.NDArray[np.float64]  # per vocabulary token: its credit as a query key
    marks: npt.NDArray[np.bool_]  # per form: in the shorter of two postings lists


class Blocker:
    """Candidate forms for a query: the pool the postings give, pre-ranked."""

    __slots__ = (
        "_cfg",
        "_df",
        "_form_ent",
        "_form_mass",
        "_form_tok",
        "_form_tok_off",
        "_local",
        "_max_w",
        "_n_forms",
        "_post",
        "_post_off",
        "_unknown",
        "_vocab",
        "_w",
    )

    def __init__(self, postings: Postings, vocabulary: Vocabulary, config: ResolverConfig) -> None:
        self._cfg = config
        self._vocab = vocabulary.ids
        self._w = vocabulary.weights
        self._max_w = vocabulary.max_weight
        self._unknown = vocabulary.unknown
        self._df = postings.df
        self._post = postings.token_forms
        self._post_off = postings.token_forms_off
        self._form_tok = postings.form_tokens
        self._form_tok_off = postings.form_tokens_off
        self._n_forms = len(postings.form_text)
        self._form_ent = postings.form_entity
        self._form_mass = _masses(vocabulary, postings, config.omitted_weight)
        self._local = threading.local()

    def with_config(self, config: ResolverConfig) -> Blocker:
        """This blocker under another configuration, sharing its arrays. The form masses are
        summed with the weight of an omitted word: that one must stay."""
        if config.omitted_weight != self._cfg.omitted_weight:
            raise ValueError("omitted_weight is built into the form masses; build another index")
        other = Blocker.__new__(Blocker)
        for slot in Blocker.__slots__:
            setattr(other, slot, getattr(self, slot))
        other._cfg = config
        other._local = threading.local()
        return other

    def block(
        self,
        qforms: list[list[str]],
        max_scored: int,
        form_limit: int | None = None,
        entities: npt.NDArray[np.int32] | None = None,
        hidden: npt.NDArray[np.int32] | None = None,
        hidden_forms: npt.NDArray[np.int32] | None = None,
    ) -> list[int]:
        """Candidate form ids, pre-ranked by the IDF mass of the query keys they contain.
        Forms from `form_limit` on (entries not yet visible) never take a place in the pool,
        nor, with `entities` (sorted entity indices), forms of other entities: a filter is
        applied before the best few are kept, so namesakes it leaves out never crowd out
        the entity it lets through. Forms of `hidden` entities (sorted entity indices: those
        not yet recorded at a `known_at`) are left out the same way, and so are `hidden_forms`
        (sorted form ids: names added to an entity after a `known_at`)."""
        keys = self._query_keys(qforms)
        if not keys:
            return []
        ranked = sorted(keys, key=lambda k: (int(self._df[k]), k))
        pool = self._pool(ranked)
        if form_limit is not None:
            pool = pool[pool < form_limit]
        if entities is not None:
            pool = pool[np.isin(self._form_ent[pool], entities, assume_unique=False)]
        if hidden is not None and len(hidden):
            pool = pool[~np.isin(self._form_ent[pool], hidden, assume_unique=False)]
        if hidden_forms is not None and len(hidden_forms):
            pool = pool[~np.isin(pool, hidden_forms, assume_unique=False)]
        if len(pool) == 0:
            return []
        return self._prerank(pool, keys, max_scored, self._query_mass(qforms, keys))

    def _query_keys(self, qforms: list[list[str]]) -> dict[int, float]:
        """Vocabulary ids a query probes, with the credit the scorer would give a form holding
        one: its tokens and joined pairs and triples (full), their plural variants, and for
        unknown tokens their typo neighbours (one edit's credit) and split parts (full)."""
        vocab = self._vocab
        cfg = self._cfg
        keys: dict[int, float] = {}

        def add(k: int, credit: float) -> None:
            keys[k] = max(credit, keys.get(k, 0.0))

        typo = 1.0 - cfg.typo_credit_per_edit
        for toks in qforms:
            n = len(toks)
            for i, t in enumerate(toks):
                tid = vocab.get(t)
                for v in plural_variants(t):
                    vid = vocab.get(v)
                    if vid is not None:
                        add(vid, cfg.plural_credit)
                if tid is not None:
                    add(tid, 1.0)
                else:
                    near, split = self._unknown(t)
                    for k in near:
                        add(k, typo)
                    for k in split:
                        add(k, 1.0)
                for span in (2, 3):
                    if i + span <= n:
                        j = vocab.get("".join(toks[i : i + span]))
                        if j is not None:
                            add(j, 1.0)
        return keys

    def _query_mass(self, qforms: list[list[str]], keys: Mapping[int, float]) -> float:
        """The query's own IDF mass for the pre-ranking's Dice estimate; an unknown token
        weighs what its best replacement key weighs (the scorer credits the candidate's
        token), or the maximum weight when it has none."""
        w = self._w
        best = 0.0
        for toks in qforms:
            mass = 0.0
            for t in toks:
                tid = self._vocab.get(t)
                if tid is not None:
                    mass += w[tid]
                else:
                    near, split = self._unknown(t)
                    alts = [w[k] for k in (*near, *split) if k in keys]
                    mass += max(alts) if alts else self._max_w
            best = max(best, mass)
        return best

    def _pool(self, ranked: list[int]) -> npt.NDArray[np.int32]:
        """The forms holding the rarest keys, within the posting budget."""
        df = self._df
        cfg = self._cfg
        chosen: list[int] = []
        total = 0
        for k in ranked:
            d = int(df[k])
            if d > cfg.posting_cap or (chosen and total + d > cfg.block_budget):
                break
            chosen.append(k)
            total += d
        off = self._post_off
        post = self._post
        if not chosen:
            # Only very common tokens: candidates must contain the two rarest of them.
            first = post[off[ranked[0]] : off[ranked[0] + 1]]
            if len(ranked) == 1:
                return first[: 4 * cfg.posting_cap]
            other = post[off[ranked[1]] : off[ranked[1] + 1]]
            return common(first, other, self._scratch().marks)[: 4 * cfg.posting_cap]
        if len(chosen) == 1:
            return post[off[chosen[0]] : off[chosen[0] + 1]]
        return np.unique(np.concatenate([post[off[k] : off[k + 1]] for k in chosen]))

    def _prerank(
        self,
        pool: npt.NDArray[np.int32],
        keys: Mapping[int, float],
        max_scored: int,
        q_mass: float,
    ) -> list[int]:
        """The pool's `max_scored` most promising forms, by an estimate of the final score.

        The estimate is Dice-like, like the score: the credited IDF mass of ALL query keys a
        form holds (so a frequent token still separates "Johnson Walker Devices" from
        "Walker Labs" without ever being expanded) over the query's plus the form's own mass.
        The shared mass alone tied every form holding the same query tokens, whatever else
        it held, so a frequent pair ("Brown Industries") filled the quota in id order and cut
        the form that differs from the input by one omitted word; and summing only the 12
        rarest keys let one typo's dozen neighbours crowd out the query's real tokens.
        """
        acc = self._key_mass(pool, keys)
        est = acc / (q_mass + self._form_mass[pool])
        if len(pool) > max_scored:
            top = np.argpartition(-est, max_scored)[:max_scored]
        else:
            top = np.arange(len(pool))
        top = top[np.lexsort((pool[top], -est[top]))]
        # Forms far behind the leader cannot reach the review threshold; skip scoring them.
        floor = 0.5 * float(acc[top].max()) if len(top) else 0.0
        # With `prune_below`, neither can a form whose estimated Dice score is that low.
        least = 0.5 * self._cfg.prune_below
        return [int(pool[i]) for i in top if acc[i] >= floor and est[i] >= least]

    def _key_mass(
        self, pool: npt.NDArray[np.int32], keys: Mapping[int, float]
    ) -> npt.NDArray[np.float64]:
        """Per pooled form, the summed weight x credit of the query keys among its tokens
        (read from the form -> tokens arrays: one pass, whatever the keys' posting sizes)."""
        lo = self._form_tok_off[pool]
        lens = self._form_tok_off[pool + 1] - lo
        ends = np.cumsum(lens)
        idx = np.arange(int(ends[-1]), dtype=np.int64) + np.repeat(lo - (ends - lens), lens)
        toks = self._form_tok[idx]
        kid = np.fromiter(keys, dtype=np.int64, count=len(keys))
        w = self._w
        credit = self._scratch().credits
        credit[kid] = np.fromiter((w[k] * c for k, c in keys.items()), np.float64, len(keys))
        try:
            vals = credit[toks]  # a gather: a token that is no key reads 0
        finally:
            credit[kid] = 0.0
        rows = np.repeat(np.arange(len(pool)), lens)
        return np.bincount(rows, weights=vals, minlength=len(pool)).astype(np.float64)

    def _scratch(self) -> _Scratch:
        """This thread's scratch arrays (the API resolves from several threads at once)."""
        scratch: _Scratch | None = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = _Scratch(
                np.zeros(len(self._w), dtype=np.float64),
                np.zeros(self._n_forms, dtype=np.bool_),
            )
            self._local.scratch = scratch
        return scratch


def _masses(vocabulary: Vocabulary, postings: Postings, omitted: float) -> npt.NDArray[np.float32]:
    """Per form, the IDF weight of its tokens, generic ones at `omitted` (as the scorer counts
    a pure omission): the denominator of the pre-ranking's Dice estimate.

    Summed a slice of forms at a time: each (form, token) pair's weight gathered at once was
    a million names' peak memory in the whole build (some 80 MB over the index)."""
    generic = COMMON_DESCRIPTORS | PLACE_PREFIXES | ADMIN_WORDS
    w = vocabulary.idf.copy()
    for t in generic:
        tid = vocabulary.ids.get(t)
        if tid is not None:
            w[tid] *= omitted
    off, toks = postings.form_tokens_off, postings.form_tokens
    n_forms = len(off) - 1
    mass = np.empty(n_forms, dtype=np.float32)
    for lo in range(0, n_forms, _MASS_SLICE):
        hi = min(lo + _MASS_SLICE, n_forms)
        # Each pair's form (from lo), in the pairs' order: a form's tokens are summed in order.
        forms = np.repeat(np.arange(hi - lo, dtype=np.int32), np.diff(off[lo : hi + 1]))
        pairs = w[toks[off[lo] : off[hi]]]
        mass[lo:hi] = np.bincount(forms, weights=pairs, minlength=hi - lo)
    return mass
