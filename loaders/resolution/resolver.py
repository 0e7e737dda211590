"""In-memory entity resolver: map a pasted company name to one entity of the graph, or refuse.

Why it is built this way (users are journalists; a wrong merge is the worst error):

* **Blocking** — an inverted index token -> forms in CSR arrays (numpy), probed rare-token
  first with a posting budget, so frequent words ("technology", "china") never expand the
  candidate set and cost does not grow with index size x queries.  Unknown query tokens (typos)
  are looked up in a trigram index of the vocabulary (pigeonhole-filtered, then verified with
  an edit distance), adjacent query tokens are joined ("Hik Vision") and long unknown tokens
  split ("haikangweishi") so spacing variants still block.  The pooled forms are
  pre-ranked by an estimate of the final score (the credited IDF mass they share with the
  query over both sides' mass), so only the most promising few are aligned in Python.
* **Weights** — every token is weighted by its IDF over the indexed name forms, so place and
  trade names (Luopu, Moyu, Dingxin, Hikvision) dominate boilerplate (Electronic, Technology).
* **Score** — a weighted token alignment (exact, joined/split, plural variant, or a gated
  1-2 edit typo via rapidfuzz) turned into a Dice-like ratio: 2*matched / (2*matched +
  unmatched query weight + unmatched candidate weight).  Candidate-side descriptors and
  Chinese province/city prefixes that a short form routinely omits count at a fraction of
  their weight ("Hikvision Digital Technology" ~ "Hangzhou Hikvision Digital Technology").
* **Veto** — a form never yields ``match`` while a *distinctive* token (not a generic
  descriptor) is unmatched on either side: "Pishan Haishi Electronic Technology" lacks
  "Yong'an", "Hikvision USA" has "USA".  That is the evidence-against rule; the score alone
  would let a long shared boilerplate outvote one differing trade name.
* **Decision** — ``match`` only when the best entity passes the threshold without veto AND
  beats the best *different* entity by a margin; ``review`` when plausible; else ``none``.
  Entities with equal scores are listed in order of how closely the input's own spelling
  (word order, legal form) matches theirs: a tie is never a match, so this orders what a
  reviewer sees without touching a decision.
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from collections.abc import Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from loaders.resolution.decision import (
    Candidate,
    Decision,
    IndexEntry,
    Judgement,
    ResolverConfig,
)
from loaders.resolution.normalize import (
    ADMIN_WORDS,
    COMMON_DESCRIPTORS,
    PLACE_PREFIXES,
    gloss_form,
    has_cjk,
    name_variants,
    normalize,
    pinyin_form,
)

__all__ = ["Candidate", "Decision", "IndexEntry", "Resolver", "ResolverConfig", "View"]

_NO_PLACES: frozenset[str] = frozenset()
UNKNOWN_MEMO_MAX = 200_000  # memoised unknown tokens per resolver (a few tens of MB at most)
NEAR_VERIFY_MAX = 2000  # candidate neighbours verified per unknown token, most grams shared first
SCORE_TIE = 1e-9  # scores closer than this are equal (float sums in a different order)
# A search box's grade: names this close in score differ only by how rare the words are that
# the query lacks ("Garcia Devices" against "Schulz Garcia Devices" and "Thompson Garcia
# Devices"), which says nothing of which one was meant; the spelling orders them instead.
SEARCH_GRADE = 0.02
_WORD = re.compile(r"\w+")


def _postings(
    keys: array[int], values: array[int], n_keys: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """An inverted index from parallel (key, value) arrays: `post[off[k]:off[k + 1]]` are key
    k's values in the order they were added (a stable sort, so postings built in id order
    stay sorted and can be searched by bisection), and `counts[k]` how many there are."""
    k = np.frombuffer(keys, dtype=np.int32)
    v = np.frombuffer(values, dtype=np.int32)
    post = v[np.argsort(k, kind="stable")].astype(np.int32)
    counts = np.bincount(k, minlength=n_keys)
    off = np.zeros(n_keys + 1, dtype=np.int64)
    np.cumsum(counts, out=off[1:])
    return post, off, counts


def _common(
    a: npt.NDArray[np.int32], b: npt.NDArray[np.int32], mark: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int32]:
    """The values two sorted lists of form ids share, in order: the shorter list is marked
    in a zeroed array over the forms and the longer one read through it. Binary search of
    one list in the other took a query of common words (a Western name) a fifth of its time;
    `mark` is left zeroed again."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    mark[short] = True
    try:
        return long[mark[long]]
    finally:
        mark[short] = False


def _pick(items: list[str], at: list[int]) -> list[str]:
    """`[items[i] for i in at]` in one C call: up to 2,000 typo candidates per unknown token,
    where the Python loop cost as much as verifying them."""
    if len(at) < 2:
        return [items[i] for i in at]
    return list(itemgetter(*at)(items))


# ---------------------------------------------------------------------------------------------
# Token helpers
# ---------------------------------------------------------------------------------------------


def _stem(t: str) -> str:
    """Crude English plural fold; only used to *compare* tokens, never to store them."""
    if len(t) > 5 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 4 and t.endswith("s") and not t.endswith("ss"):
        return t[:-1]
    return t


def _plural_variants(t: str) -> tuple[str, ...]:
    """Singular/plural spellings to probe in blocking, mirroring :func:`_stem` in scoring."""
    if len(t) < 4 or not t.isascii():
        return ()
    st = _stem(t)
    if st != t:
        return (st,)
    if t.endswith("y"):
        return (t[:-1] + "ies", t + "s")
    return (t + "s",)


def _typo_budget(a: str, b: str) -> int:
    """Edits allowed between two tokens; 0 for short or non-Latin tokens.

    Why gated: short tokens that differ by one letter are usually different names (Xinan /
    Xian), so below six letters only a swap of two neighbouring letters counts (Dahau for
    Dahua keeps every letter, which different names rarely do); the first letter must agree
    because real typos rarely hit it while different names often differ there.
    """
    n = min(len(a), len(b))
    if a[0] != b[0] or not (a.isascii() and b.isascii()):
        return 0
    if n == 5 and _adjacent_swap(a, b):
        return 1  # Dahau for Dahua: a swap of two neighbours keeps every letter
    if n < 6:
        return 0
    return 1 if n < 9 else 2


def _adjacent_swap(a: str, b: str) -> bool:
    """True when b is a with exactly two neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i, j = diff
    return a[i] == b[j] and a[j] == b[i]


def _text_forms(text: str) -> list[str]:
    """One spelling normalised, plus pinyin and glossed pinyin for CJK."""
    norm = normalize(text)
    if not norm:
        return []
    forms = [norm]
    if has_cjk(norm):
        for f in (pinyin_form(text), gloss_form(text)):
            if f and f not in forms:
                forms.append(f)
    return forms


def _query_forms(name: str) -> list[list[str]]:
    """Token lists to compare: the input without a final bracketed acronym (an acronym alone
    would meet every namesake of it), plus, for Chinese input, pinyin forms."""
    return [f.split() for f in _text_forms(name_variants(name)[0])]


def _entry_forms(text: str) -> list[str]:
    """Stored forms of one name/alias: the name, and its bracketed acronym as a name of its
    own ("... 38th Research Institute (CETC 38)" is also "CETC 38")."""
    forms: list[str] = []
    for variant in name_variants(text):
        forms.extend(f for f in _text_forms(variant) if f not in forms)
    return forms


def _surface(text: str) -> str:
    """The spelling as typed, minus case and punctuation: word order and legal form kept.

    Why: normalisation drops legal forms and the alignment ignores order, so "Eagle Garcia
    Capital GmbH" / "... LLC" and "Johnson Walker" / "Walker Johnson" score the same; the
    input's own spelling is the only evidence left to order such ties."""
    return " ".join(_WORD.findall(text.casefold()))


def _grams(t: str) -> set[str]:
    """The token's trigrams plus two boundary grams ("^ma", "in$"): as many grams as letters.

    Why the boundary grams: one edit (a swap of two neighbours, the worst case) destroys at
    most four grams, so d edits leave a shared gram among any 4*d+1 of the token's grams
    only if it has that many.  Inner trigrams alone are two fewer than the letters: a 6-letter
    token has 4, and "matrin" shares none with "martin"."""
    return {"^" + t[:2], t[-2:] + "$", *(t[i : i + 3] for i in range(len(t) - 2))}


def _veto(extra_q: list[str], extra_c: list[str], distinctive_match: bool) -> list[str]:
    """Why a form may not match: identity must rest on at least one shared distinctive token,
    and no distinctive token may be left over on either side (empty: no veto). The extras
    are those left-over tokens, as `Resolver._tally` finds them."""
    reasons: list[str] = []
    if not distinctive_match:
        reasons.append("no shared distinctive token (only descriptors/places agree)")
    if extra_q:
        reasons.append(f"input tokens the candidate lacks: {extra_q}")
    if extra_c:
        reasons.append(f"candidate tokens the input lacks: {extra_c}")
    return reasons


def _plausible(
    unmatched_q: list[str], unmatched_c: list[str], distinctive_match: bool, strict: bool
) -> bool:
    """Whether one name could be the other written differently or shortened: they share a
    distinctive word, and at most one side has distinctive words of its own. Two names that
    each keep a word the other lacks ("Sereda, Mikhail" and "Burchik, Mikhail") are two
    names, not one name in doubt. Among full registered names (`strict`) neither side may
    keep one: "Islamic Revolutionary Guard Corps" and its "... Aerospace Force", "Huawei
    Technologies" and "Huawei Technologies Canada" are a body and its unit, two parties."""
    if not distinctive_match:
        return False
    extra_q = [t for t in unmatched_q if t not in COMMON_DESCRIPTORS]
    extra_c = [t for t in unmatched_c if t not in COMMON_DESCRIPTORS and t not in ADMIN_WORDS]
    if strict:
        return not (extra_q or extra_c)
    return not (extra_q and extra_c)


def _conflict(unmatched_q: list[str], unmatched_c: list[str], strict: bool) -> str:
    """Why two names are siblings, not spellings of one name ("" when they are not).

    Each side keeps a number the other lacks (the 38th and the 54th institute of one group)
    or a place the other lacks ("(Tianjin)" and "(Beijing)"): two units of one family, which
    must never merge and are not a doubt worth a reviewer's time either. Among full
    registered names (`strict`), one side's number or place is enough: "Joint Stock Company
    75 Arsenal" is not "Arsenal", "Chengdu Huawei Technologies" not Huawei Technologies.
    """
    numbers_q = [t for t in unmatched_q if t.isdigit()]
    numbers_c = [t for t in unmatched_c if t.isdigit()]
    if (numbers_q and numbers_c) or (strict and (numbers_q or numbers_c)):
        return f"numbered siblings: {numbers_q} vs {numbers_c}"
    places_q = [t for t in unmatched_q if t in PLACE_PREFIXES]
    places_c = [t for t in unmatched_c if t in PLACE_PREFIXES]
    if (places_q and places_c) or (strict and (places_q or places_c)):
        return f"places differ: {places_q} vs {places_c}"
    return ""


@dataclass(slots=True)
class _Alignment:
    score: float
    lenient: float  # score if every candidate-only token were an omission (runner-up test)
    vetoed: bool
    veto_reason: str
    unmatched_query: list[str]
    unmatched_candidate: list[str]
    fuzzy: list[str]
    conflict: str = ""
    plausible: bool = True  # one name could be a spelling or a short form of the other


@dataclass(slots=True)
class _Scratch:
    """Zeroed arrays a query fills and zeroes again: a gather or a scatter in place of a
    search per element."""

    credits: npt.NDArray[np.float64]  # per vocabulary token: its credit as a query key
    marks: npt.NDArray[np.bool_]  # per form: in the shorter of two postings lists


@dataclass(slots=True)
class _Tally:
    """What an alignment left unmatched on each side and what that weighs."""

    unmatched_q: list[str] = field(default_factory=list)  # query tokens that count against
    unmatched_c: list[str] = field(default_factory=list)
    uq: float = 0.0  # their weight, discounted where an omission is harmless
    uc: float = 0.0
    uc_omitted: float = 0.0  # the candidate's unmatched weight in full (before discounts)
    distinctive_match: bool = False  # a matched candidate token that is not generic
    extra_q: list[str] = field(default_factory=list)  # unmatched query tokens, no descriptor
    extra_c: list[str] = field(default_factory=list)  # unmatched candidate tokens, not generic


@dataclass(slots=True)
class _QueryForm:
    """One form of the query with what every alignment against it reads.

    Derived once per query rather than once per candidate: a load aligns each name with up
    to a dozen candidates, and the joined spans, weights and stems of its tokens are the
    same for all of them.
    """

    tokens: list[str]
    weights: list[float]  # IDF; the maximum weight for a token the index lacks
    joins: list[tuple[int, list[tuple[int, str]]]]  # per span (2, 3): (start, tokens joined)
    near: list[tuple[int, str, str]]  # (index, token, stem): long enough for a plural or typo
    index: dict[str, int]  # each token's first position
    next_same: list[int]  # per position, the next position of the same token (-1: none)
    # No token is a place a name may omit: then an alignment depends on the two texts only,
    # not on the places the candidate entity carries elsewhere (`Resolver._place_ok`).
    entity_free: bool
    _heads: frozenset[str] | None = None

    def heads(self) -> frozenset[str]:
        """Proper prefixes of its tokens: a candidate's span can join into a query token only
        if its first token is one, so most spans are ruled out by one set lookup. Made when
        first asked: most alignments end at the exact tokens."""
        if self._heads is None:
            self._heads = frozenset(t[:k] for t in self.tokens for k in range(1, len(t)))
        return self._heads


@dataclass(slots=True)
class View:
    """How one query sees the index while a load grows it.

    ``visible``: only the first entries are there yet (a load indexes its own records after
    the graph's entities, in file order, and a record sees those before it); ``canonical``:
    a record already resolved counts as the entity it resolved to, so it and that entity are
    one candidate, never each other's runner-up. ``conflicts`` collects, per query, the
    sibling names left out, for the explanation.
    """

    visible: int | None = None
    canonical: Mapping[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    def note_conflict(self, name: str, why: str) -> None:
        if len(self.conflicts) < 3:
            note = f"{name!r} ({why})"
            if note not in self.conflicts:
                self.conflicts.append(note)


class Ranked(NamedTuple):
    """One entity's row: what it ranks by and what the decision reads."""

    score: float  # its best form's score, vetoed or not: the rank
    ok: float  # its best unvetoed score (0.0: every form vetoed): what may match
    entity: int
    form: int  # the form that scored `score`
    query: int  # the query form aligned with it
    lenient: float  # its best score as if the input were a short form of it (runner-up)


def _keep_best(
    best: dict[str, Ranked], key: str, al: _Alignment, e: int, fid: int, qi: int
) -> None:
    """Per entity: its best-ranked form, its best unvetoed score and its best lenient one.
    A row that would not change is kept, not made anew: most forms change nothing."""
    ok = 0.0 if al.vetoed else al.score
    prev = best.get(key)
    if prev is None:
        best[key] = Ranked(al.score, ok, e, fid, qi, al.lenient)
    elif al.score > prev.score:
        best[key] = Ranked(al.score, max(ok, prev.ok), e, fid, qi, max(prev.lenient, al.lenient))
    elif ok > prev.ok or al.lenient > prev.lenient:
        best[key] = Ranked(
            prev.score,
            max(ok, prev.ok),
            prev.entity,
            prev.form,
            prev.query,
            max(prev.lenient, al.lenient),
        )


# ---------------------------------------------------------------------------------------------
# Resolver
# ---------------------------------------------------------------------------------------------


class Resolver:
    """Pure in-memory index; build once from the graph's entities, then resolve many names."""

    __slots__ = (
        "_aliases",
        "_cfg",
        "_df",
        "_ent_first_form",
        "_exp",
        "_form_ent",
        "_form_mass",
        "_form_src",
        "_form_text",
        "_form_tok",
        "_form_tok_off",
        "_generic",
        "_ids",
        "_labels",
        "_local",
        "_max_w",
        "_names",
        "_places",
        "_post",
        "_post_off",
        "_syn",
        "_tok_len",
        "_tri",
        "_tri_off",
        "_tri_post",
        "_unknown_memo",
        "_vocab",
        "_vocab_list",
        "_w",
    )

    def __init__(self, config: ResolverConfig | None = None) -> None:
        """Empty resolver; use :meth:`build`, which fills the arrays in one pass."""
        self._cfg = config or ResolverConfig()
        # The places a name may omit (none when every place is part of the identity), and the
        # words a name carries without being told apart by them: descriptors, admin words
        # and those places.
        self._places = PLACE_PREFIXES if self._cfg.lenient_places else _NO_PLACES
        self._generic = COMMON_DESCRIPTORS | self._places | ADMIN_WORDS
        self._ids: list[str] = []
        self._names: list[str] = []
        self._aliases: list[tuple[str, ...]] = []
        self._labels: list[tuple[str, ...]] = []
        self._form_text: list[str] = []
        self._ent_first_form = array("i")
        self._form_ent: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._form_src: npt.NDArray[np.uint16] = np.zeros(0, dtype=np.uint16)
        self._form_mass: npt.NDArray[np.float32] = np.zeros(0, dtype=np.float32)
        self._form_tok: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._form_tok_off: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self._vocab: dict[str, int] = {}
        self._vocab_list: list[str] = []
        self._df: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._w: list[float] = []
        self._max_w = 1.0
        self._post_off: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self._post: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._tok_len: npt.NDArray[np.uint8] = np.zeros(0, dtype=np.uint8)
        self._tri: dict[str, int] = {}
        self._tri_off: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self._tri_post: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._syn: dict[str, str] = {}
        self._exp: dict[str, tuple[str, ...]] = {}
        self._unknown_memo: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._local = threading.local()

    def _canonical_tokens(self, forms: list[list[str]]) -> list[list[str]]:
        if not self._syn and not self._exp:
            return forms
        syn, exp = self._syn, self._exp
        out: list[list[str]] = []
        for form in forms:
            mapped = [syn.get(t, t) for t in form]
            if exp:
                mapped = [x for t in mapped for x in exp.get(t, (t,))]
            if mapped not in out:
                out.append(mapped)
        return out

    def _canonical_text(self, forms: list[str]) -> list[str]:
        if not self._syn and not self._exp:
            return forms
        mapped = [" ".join(t) for t in self._canonical_tokens([f.split() for f in forms])]
        return list(dict.fromkeys(mapped))

    # -- construction --------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        entries: Iterable[IndexEntry],
        config: ResolverConfig | None = None,
        synonyms: Mapping[str, str] | None = None,
        expansions: Mapping[str, tuple[str, ...]] | None = None,
    ) -> Resolver:
        """Index entries; postings go to flat arrays (CSR) to stay lean at millions of names.

        ``synonyms`` maps normalised tokens to a canonical token on both the stored and the
        queried side: equivalent names of one thing, such as the pinyin, Uyghur and English
        names of one county (Luopu = Lop, Moyu = Karakax), which no spelling distance links.
        ``expansions`` maps an acronym token to the words it stands for, on both sides too
        ("cetc" -> china electronics technology group), so "38th Research Institute of CETC"
        meets "China Electronics Technology Group Corporation 38th Research Institute".
        """
        self = cls(config)
        self._syn = {k: v for k, v in (synonyms or {}).items() if k != v}
        self._exp = {k: tuple(v) for k, v in (expansions or {}).items() if v and v != (k,)}
        vocab_list = self._vocab_list
        form_text = self._form_text
        form_ent = array("i")
        form_src = array("H")
        pair_tok = array("i")
        pair_form = array("i")
        label_intern: dict[tuple[str, ...], tuple[str, ...]] = {}
        for entry in entries:
            eidx = len(self._ids)
            self._ent_first_form.append(len(form_text))
            self._ids.append(entry.id)
            self._names.append(entry.name)
            self._aliases.append(tuple(entry.aliases))
            labels = tuple(entry.labels)
            self._labels.append(label_intern.setdefault(labels, labels))
            self._add_forms(entry, eidx, form_ent, form_src, pair_tok, pair_form)
        self._ent_first_form.append(len(form_text))
        self._form_ent = np.frombuffer(form_ent, dtype=np.int32).copy()
        self._form_src = np.frombuffer(form_src, dtype=np.uint16).copy()
        self._post, self._post_off, counts = _postings(pair_tok, pair_form, len(vocab_list))
        df = counts.astype(np.int32)
        self._df = df
        n_forms = max(len(form_text), 1)
        idf = np.log1p(n_forms / np.maximum(df, 1).astype(np.float64))
        self._w = idf.tolist()
        self._max_w = math.log1p(n_forms)
        self._form_mass = self._masses(idf, pair_tok, pair_form, len(form_text))
        # The same pairs by form (they were added form by form): each form's tokens, so the
        # pre-ranking reads a pooled form's tokens instead of probing every key's postings.
        self._form_tok = np.frombuffer(pair_tok, dtype=np.int32).copy()
        per_form = np.bincount(np.frombuffer(pair_form, dtype=np.int32), minlength=n_forms)
        self._form_tok_off = np.zeros(len(form_text) + 1, dtype=np.int64)
        np.cumsum(per_form[: len(form_text)], out=self._form_tok_off[1:])
        del pair_tok, pair_form
        self._tok_len = np.fromiter(
            (min(len(t), 255) for t in vocab_list), dtype=np.uint8, count=len(vocab_list)
        )
        self._build_trigrams()
        return self

    def _add_forms(
        self,
        entry: IndexEntry,
        eidx: int,
        form_ent: array[int],
        form_src: array[int],
        pair_tok: array[int],
        pair_form: array[int],
    ) -> None:
        """One entity's distinct name forms (name, then aliases) and their token postings."""
        vocab, vocab_list, form_text = self._vocab, self._vocab_list, self._form_text
        seen: set[str] = set()
        for src, text in enumerate((entry.name, *entry.aliases)):
            if src > 65535:
                break
            for f in self._canonical_text(_entry_forms(text)):
                if f in seen:
                    continue
                seen.add(f)
                fid = len(form_text)
                form_text.append(f)
                form_ent.append(eidx)
                form_src.append(src)
                for t in set(f.split()):
                    tid = vocab.get(t)
                    if tid is None:
                        tid = len(vocab_list)
                        vocab[t] = tid
                        vocab_list.append(t)
                    pair_tok.append(tid)
                    pair_form.append(fid)

    def _masses(
        self,
        idf: npt.NDArray[np.float64],
        pair_tok: array[int],
        pair_form: array[int],
        n_forms: int,
    ) -> npt.NDArray[np.float32]:
        """Per form, the IDF weight of its tokens, generic ones at `omitted_weight` (as the
        scorer counts a pure omission): the denominator of the pre-ranking's Dice estimate."""
        generic = COMMON_DESCRIPTORS | PLACE_PREFIXES | ADMIN_WORDS
        w = idf.copy()
        for t in generic:
            tid = self._vocab.get(t)
            if tid is not None:
                w[tid] *= self._cfg.omitted_weight
        toks = np.frombuffer(pair_tok, dtype=np.int32)
        forms = np.frombuffer(pair_form, dtype=np.int32)
        return np.bincount(forms, weights=w[toks], minlength=n_forms).astype(np.float32)

    def _build_trigrams(self) -> None:
        """Trigram index over the vocabulary, only for tokens long enough to be typo-matched."""
        tri = self._tri
        g_ids = array("i")
        g_toks = array("i")
        for tid, t in enumerate(self._vocab_list):
            if len(t) < 6 or not t.isascii():
                continue
            for g in _grams(t):
                g = t[0] + g  # keyed by first letter too: a typo never changes it
                gid = tri.get(g)
                if gid is None:
                    gid = len(tri)
                    tri[g] = gid
                g_ids.append(gid)
                g_toks.append(tid)
        self._tri_post, self._tri_off, _ = _postings(g_ids, g_toks, len(tri))

    def __len__(self) -> int:
        """Number of entries indexed (entities, not name forms)."""
        return len(self._ids)

    # -- token lookups -------------------------------------------------------------------------

    def _weight(self, t: str) -> float:
        tid = self._vocab.get(t)
        return self._w[tid] if tid is not None else self._max_w

    def _near_tokens(self, t: str) -> list[int]:
        """Vocabulary tokens within the typo budget of an unknown token.

        Pigeonhole: d edits destroy at most 4*d grams (see :func:`_grams`), so any true
        neighbour shares at least one of the query's 4*d+1 *rarest* grams; scanning only
        those keeps the lookup cheap even when the vocabulary is huge.
        """
        if len(t) < 6 or not t.isascii():
            return []
        d = 1 if len(t) < 9 else 2  # the largest budget _typo_budget can grant t
        grams = {t[0] + g for g in _grams(t)}
        known = [
            (int(self._tri_off[g + 1] - self._tri_off[g]), g)
            for g in (self._tri.get(x) for x in grams)
            if g is not None
        ]
        # Grams the index lacks are already among the (at most 4*d) a neighbour misses.
        need = 4 * d + 1 - (len(grams) - len(known))
        if not known or need <= 0:
            return []
        known.sort()
        picked = known[:need]
        arrays = [self._tri_post[self._tri_off[g] : self._tri_off[g + 1]] for _, g in picked]
        cand = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
        # A vectorised pre-filter mirroring _typo_budget (similar length); then the tokens
        # sharing the most picked grams are verified first, so the cap on verifications
        # drops the unlikely ones (it dropped by token id, often the true neighbour).
        cand = cand[np.abs(self._tok_len[cand].astype(np.int16) - len(t)) <= d]
        ids, counts = np.unique(cand, return_counts=True)
        ids = ids[np.argsort(-counts, kind="stable")[:NEAR_VERIFY_MAX]]
        # Within the largest budget first (one C++ pass), then each survivor's own budget.
        tids = ids.tolist()
        words = _pick(self._vocab_list, tids)
        near = process.extract(t, words, scorer=OSA.distance, score_cutoff=d, limit=None)
        keep = sorted(i for _, dist, i in near if dist <= _typo_budget(t, words[i]))
        return [tids[i] for i in keep]

    def _split_token(self, t: str) -> list[int]:
        """Two known tokens whose concatenation is *t* ("haikangweishi" -> haikang+weishi)."""
        if len(t) < 6:
            return []
        vocab = self._vocab
        for i in range(3, len(t) - 2):
            a = vocab.get(t[:i])
            if a is not None:
                b = vocab.get(t[i:])
                if b is not None:
                    return [a, b]
        return []

    def _unknown_token_keys(self, t: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Typo neighbours and split halves of a token the index does not know, memoised.

        Finding neighbours is most of a lookup's cost for names the index lacks, and a list
        file repeats its words thousands of times; the index never changes after `build`, so
        an answer stays right for the resolver's life. The memo is bounded (cleared when
        full) so a long stream of novel words cannot grow it without end."""
        memo = self._unknown_memo
        found = memo.get(t)
        if found is None:
            if len(memo) >= UNKNOWN_MEMO_MAX:
                memo.clear()
            found = (tuple(self._near_tokens(t)), tuple(self._split_token(t)))
            memo[t] = found
        return found

    # -- blocking ------------------------------------------------------------------------------

    def _block(
        self, qforms: list[list[str]], max_scored: int, form_limit: int | None = None
    ) -> list[int]:
        """Candidate form ids, pre-ranked by the IDF mass of the query keys they contain.
        Forms from `form_limit` on (entries not yet visible) never take a place in the pool."""
        keys = self._query_keys(qforms)
        if not keys:
            return []
        ranked = sorted(keys, key=lambda k: (int(self._df[k]), k))
        pool = self._pool(ranked)
        if form_limit is not None:
            pool = pool[pool < form_limit]
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
                for v in _plural_variants(t):
                    vid = vocab.get(v)
                    if vid is not None:
                        add(vid, cfg.plural_credit)
                if tid is not None:
                    add(tid, 1.0)
                else:
                    near, split = self._unknown_token_keys(t)
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
                    near, split = self._unknown_token_keys(t)
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
            return _common(first, other, self._scratch().marks)[: 4 * cfg.posting_cap]
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
                np.zeros(len(self._vocab_list), dtype=np.float64),
                np.zeros(len(self._form_text), dtype=np.bool_),
            )
            self._local.scratch = scratch
        return scratch

    # -- scoring -------------------------------------------------------------------------------

    def _query_form(self, qt: list[str]) -> _QueryForm:
        """The per-query part of every alignment (see :class:`_QueryForm`)."""
        joins = [
            (span, [(i, "".join(qt[i : i + span])) for i in range(len(qt) - span + 1)])
            for span in (2, 3)
        ]
        near = [(i, t, _stem(t)) for i, t in enumerate(qt) if len(t) >= 4]
        index: dict[str, int] = {}
        next_same = [-1] * len(qt)
        for i in range(len(qt) - 1, -1, -1):
            next_same[i] = index.get(qt[i], -1)
            index[qt[i]] = i
        entity_free = self._places.isdisjoint(qt)
        weights = [self._weight(t) for t in qt]
        return _QueryForm(qt, weights, joins, near, index, next_same, entity_free)

    def _align(
        self, q: _QueryForm, ct: list[str], entity: int = -1, explain: bool = False
    ) -> _Alignment:
        """Weighted token alignment -> Dice-like score plus the distinctive-token veto. Only
        with `explain` does it word the veto and judge plausibility: a query aligns many
        forms but explains one."""
        vocab, w = self._vocab, self._w
        wc = [w[vocab[t]] for t in ct]  # a stored form's tokens are all in the vocabulary
        qm, cm, matched, matched_full, fuzzy = self._match_tokens(q, ct, wc)
        tally = self._tally(q, ct, wc, qm, cm, entity)
        return self._judge(tally, matched, matched_full, fuzzy, explain)

    def _match_tokens(
        self, q: _QueryForm, ct: list[str], wc: list[float]
    ) -> tuple[list[bool], list[bool], float, float, list[str]]:
        """Pair query and candidate tokens: exact, joined/split, then plural or gated typo.
        Returns which tokens matched on each side, the credit-weighted and the full matched
        weight, and the near tokens used."""
        qt = q.tokens
        nq, nc = len(qt), len(ct)
        qm = [False] * nq
        cm = [False] * nc
        matched = 0.0  # credit-weighted matched weight
        matched_full = 0.0  # full weight of matched units
        fuzzy: list[str] = []
        # 1. exact tokens: each query token takes the first free candidate position holding it
        taken = [-1] * nq
        index = q.index
        for j, t in enumerate(ct):
            i = index.get(t, -1)
            while i >= 0 and qm[i]:  # a repeated query token: its next occurrence
                i = q.next_same[i]
            if i >= 0:
                qm[i] = cm[j] = True
                taken[i] = j
        for j in taken:  # summed in query order, as the scores always were
            if j >= 0:
                matched += wc[j]
                matched_full += wc[j]
        if all(qm) or all(cm):
            return qm, cm, matched, matched_full, fuzzy
        pos: dict[str, list[int]] = {}  # the candidate's free positions per token
        for j, t in enumerate(ct):
            if not cm[j]:
                pos.setdefault(t, []).append(j)
        # 2. joins: "hik vision" ~ "hikvision" (either side split)
        heads = q.heads()
        for span, spans in q.joins:
            for i, joined in spans:
                lst = pos.get(joined)
                if lst and not any(qm[i : i + span]):
                    j = lst.pop(0)
                    qm[i : i + span] = [True] * span
                    cm[j] = True
                    matched += wc[j]
                    matched_full += wc[j]
            qpos: dict[str, int] | None = None
            for j in range(nc - span + 1):
                if ct[j] not in heads or any(cm[j : j + span]):
                    continue
                if qpos is None:
                    qpos = {t: i for i, t in enumerate(qt) if not qm[i]}
                qi = qpos.get("".join(ct[j : j + span]))
                if qi is not None and not qm[qi]:
                    qm[qi] = True
                    cm[j : j + span] = [True] * span
                    w = sum(wc[j : j + span])
                    matched += w
                    matched_full += w
        # 3. plural variants and gated typos
        for i, t, st in q.near:
            if qm[i]:
                continue
            best_j, best_credit = self._near_token(t, st, ct, cm)
            if best_j >= 0:
                qm[i] = cm[best_j] = True
                matched += best_credit * wc[best_j]
                matched_full += wc[best_j]
                fuzzy.append(f"{t}~{ct[best_j]}")
        return qm, cm, matched, matched_full, fuzzy

    def _near_token(self, t: str, st: str, ct: list[str], cm: list[bool]) -> tuple[int, float]:
        """The unmatched candidate token that is `t`'s plural variant (`st` is its stem) or a
        gated typo of it, and its credit: (-1, 0.0) when none is."""
        cfg = self._cfg
        best_j = -1
        best_credit = 0.0
        t0 = t[0]
        for j, c in enumerate(ct):
            # Both rules below need the same first letter: cheap pre-filter.
            if cm[j] or c[0] != t0:
                continue
            if _stem(c) == st:
                credit = cfg.plural_credit
            else:
                budget = _typo_budget(t, c)
                if not budget:
                    continue
                d = OSA.distance(t, c, score_cutoff=budget)
                if d > budget:
                    continue
                credit = 1.0 - cfg.typo_credit_per_edit * d
            if credit > best_credit:
                best_credit, best_j = credit, j
        return best_j, best_credit

    def _tally(
        self,
        q: _QueryForm,
        ct: list[str],
        wc: list[float],
        qm: list[bool],
        cm: list[bool],
        entity: int,
    ) -> _Tally:
        """What the matching left over on each side, and what it weighs."""
        cfg = self._cfg
        # A pasted name may drop or add the city a company sits in ("Hikvision" for the
        # Hangzhou company); in a list's full names a place is part of the identity
        # ("Chengdu Huawei Technologies" is not Huawei Technologies).
        places = self._places
        disc = cfg.omitted_weight
        tally = _Tally()
        for i, t in enumerate(q.tokens):
            if qm[i]:
                continue
            # A place the entity itself carries elsewhere (or an entity with no place at
            # all) is a harmless addition: "杭州萤石网络" vs the alias "萤石网络".  A place
            # the entity does not have is a conflict ("Beijing Hikvision").
            if t in ADMIN_WORDS or (t in places and self._place_ok(t, entity)):
                tally.uq += disc * q.weights[i]
            else:
                tally.unmatched_q.append(t)
                tally.uq += q.weights[i]
                if t not in COMMON_DESCRIPTORS:
                    tally.extra_q.append(t)
        # Discount candidate-side descriptors/places only for a pure omission.  When the query
        # has tokens of its own, the candidate's extra descriptor is a substitution ("EZVIZ
        # Software" vs "EZVIZ Network"): evidence of a different company, counted in full.
        # Among full registered names (strict) nothing is an omission: "CSSC Electronic
        # Technology" is a unit of CSSC, not CSSC written short.
        omit_disc = disc if not tally.unmatched_q and cfg.lenient_places else 1.0
        generic_words = self._generic
        for j, t in enumerate(ct):
            generic = t in generic_words
            if cm[j]:
                tally.distinctive_match = tally.distinctive_match or not generic
                continue
            tally.unmatched_c.append(t)
            tally.uc_omitted += wc[j]
            if t in ADMIN_WORDS:
                tally.uc += wc[j] * disc
            else:
                tally.uc += wc[j] * (omit_disc if generic else 1.0)
                if not generic:
                    tally.extra_c.append(t)
        return tally

    def _judge(
        self, tally: _Tally, matched: float, matched_full: float, fuzzy: list[str], explain: bool
    ) -> _Alignment:
        """The tally into a score, a lenient score and the veto (worded with `explain`)."""
        disc = self._cfg.omitted_weight
        denom = 2.0 * matched_full + tally.uq + tally.uc
        score = (2.0 * matched / denom) if denom > 0 else 0.0
        lenient = score
        uq, uc = tally.unmatched_q, tally.unmatched_c
        if not uq:
            # Could the input be a short form of THIS name?  Count every candidate-only
            # token as an omission.  Used only to judge runner-ups: an input that is a
            # subset of two names ("Yongkun Automation" of Guma / Nanchang Yongkun
            # Automation) is ambiguous even if one of them has a county we do not know.
            den = 2.0 * matched_full + tally.uq + disc * tally.uc_omitted
            lenient = (2.0 * matched / den) if den > 0 else 0.0
        vetoed = not tally.distinctive_match or bool(tally.extra_q or tally.extra_c)
        strict = not self._cfg.lenient_places
        conflict = _conflict(uq, uc, strict) if vetoed else ""
        if not explain:
            return _Alignment(score, lenient, vetoed, "", uq, uc, fuzzy, conflict)
        reasons = _veto(tally.extra_q, tally.extra_c, tally.distinctive_match)
        plausible = _plausible(uq, uc, tally.distinctive_match, strict)
        return _Alignment(
            score, lenient, vetoed, "; ".join(reasons), uq, uc, fuzzy, conflict, plausible
        )

    def _score_entities(
        self,
        name: str,
        labels: Collection[str] | None,
        exclude: AbstractSet[str],
        max_scored: int,
        allowed: Collection[str] | None = None,
        view: View | None = None,
        tie: float = SCORE_TIE,
        depth: int | None = None,
    ) -> tuple[list[Ranked], list[_QueryForm]]:
        """Per entity its row (`Ranked`), ordered as `_order` orders them up to `depth`.
        With a `view`, forms that make the two names siblings (`_conflict`) are left out and
        are noted in `view.conflicts`."""
        qforms = self._canonical_tokens(_query_forms(name))
        if not qforms:
            return [], []
        form_limit = None
        if view is not None and view.visible is not None:
            form_limit = self._ent_first_form[min(view.visible, len(self._ids))]
        fids = self._block(qforms, max_scored, form_limit)
        queries = [self._query_form(qt) for qt in qforms] if fids else []
        label_set = set(labels) if labels else None
        canonical = view.canonical if view is not None else {}
        # Keyed by id, not entry index: if the caller feeds the same id twice (screening
        # lists repeat rows), it is one entity and must not count as its own runner-up.
        best: dict[str, Ranked] = {}
        # Forms of different entities often read the same (a name on several lists, namesakes):
        # one alignment per query form and text serves them all where no entity's own
        # places can change it (see `_QueryForm.entity_free`).
        aligned: dict[tuple[int, str], _Alignment] = {}
        for fid in fids:
            e = int(self._form_ent[fid])
            if label_set is not None and label_set.isdisjoint(self._labels[e]):
                continue
            if exclude and self._ids[e] in exclude:
                continue
            if allowed is not None and self._ids[e] not in allowed:
                continue
            text = self._form_text[fid]
            key = canonical.get(self._ids[e], self._ids[e])
            for qi, q in enumerate(queries):
                al = aligned.get((qi, text)) if q.entity_free else None
                if al is None:
                    al = self._align(q, text.split(), e)
                    if q.entity_free:
                        aligned[qi, text] = al
                if view is not None and al.conflict:
                    view.note_conflict(self._names[e], al.conflict)
                    continue
                _keep_best(best, key, al, e, fid, qi)
        return self._order(list(best.values()), name, tie, depth), queries

    def _order(
        self,
        rows: list[Ranked],
        name: str,
        tie: float,
        depth: int | None = None,
    ) -> list[Ranked]:
        """Entities by score; scores within `tie` of a group's best by the input's spelling
        similarity to the stored name or alias (see :func:`_surface`), then by id.

        Resolution reorders only exact ties: a tie has no margin, so it can never be a
        ``match`` and reordering it changes which candidate a reviewer sees first, never a
        decision. A search box ranks by grades (`SEARCH_GRADE`).

        Only groups that begin within the first `depth` rows are reordered: the caller reads
        no further in order (the runner-up is a maximum over all rows), and late in a load,
        where an input has many namesakes, comparing every one's spelling cost more than a
        tenth of blocking.
        """
        rows.sort(key=lambda r: (-r.score, self._ids[r.entity]))
        query = ""
        i = 0
        end = len(rows) if depth is None else min(depth, len(rows))
        while i < end:
            j = i + 1
            while j < len(rows) and rows[j].score >= rows[i].score - tie:
                j += 1
            if j - i > 1:
                query = query or _surface(name)
                rows[i:j] = sorted(
                    rows[i:j], key=lambda r: -self._spelling(query, r.entity, r.form)
                )
            i = j
        return rows

    def _spelling(self, query: str, e: int, fid: int) -> float:
        """Similarity (0-1) of the input's surface to the stored text behind form `fid`."""
        src = int(self._form_src[fid])
        text = self._names[e] if src == 0 else self._aliases[e][src - 1]
        return Indel.normalized_similarity(query, _surface(text))

    def _place_ok(self, place: str, e: int) -> bool:
        """An extra place in the input is harmless if the entity has it or has no place."""
        if e < 0:
            return True
        places = self._entity_places(e)
        return not places or place in places

    def _entity_places(self, e: int) -> frozenset[str]:
        """Chinese place prefixes in any stored form of entity *e* (its own location)."""
        lo, hi = self._ent_first_form[e], self._ent_first_form[e + 1]
        return frozenset(
            t for f in range(lo, hi) for t in self._form_text[f].split() if t in PLACE_PREFIXES
        )

    def _candidate(
        self, e: int, fid: int, score: float, canonical: Mapping[str, str] | None = None
    ) -> Candidate:
        src = int(self._form_src[fid])
        alias = self._names[e] if src == 0 else self._aliases[e][src - 1]
        eid = self._ids[e]
        if canonical:
            eid = canonical.get(eid, eid)
        return Candidate(eid, self._names[e], score, alias, self._labels[e])

    # -- public API ----------------------------------------------------------------------------

    def _decide(
        self, top_score: float, top_ok: float, margin: float, al: _Alignment
    ) -> tuple[Judgement, str]:
        """The thresholds and the margin over a different entity: the judgement and why."""
        cfg = self._cfg
        if top_ok >= cfg.match_threshold and margin >= cfg.min_margin:
            return Judgement.MATCH, (
                f"match: score {top_ok:.3f} >= {cfg.match_threshold} and margin "
                f"{margin:.3f} >= {cfg.min_margin}"
            )
        if top_score < cfg.review_threshold:
            return Judgement.NONE, f"none: best score below review threshold {cfg.review_threshold}"
        why: list[str] = []
        if top_ok < cfg.match_threshold:
            if al.vetoed:
                why.append(al.veto_reason)
            else:
                why.append(f"score below match threshold {cfg.match_threshold}")
        elif margin < cfg.min_margin:
            why.append(f"margin {margin:.3f} over a different entity < {cfg.min_margin}")
        return Judgement.REVIEW, "review: " + "; ".join(why)

    def resolve(
        self,
        name: str,
        labels: Collection[str] | None = None,
        exclude_pairs: AbstractSet[str] = frozenset(),
        allowed: Collection[str] | None = None,
        view: View | None = None,
    ) -> Decision:
        """Resolve one name to ``match`` / ``review`` / ``none`` with an auditable explanation.

        ``exclude_pairs`` are entity ids that a recorded human judgement says are NOT this
        input; they are skipped entirely so the runner-up margin is computed without them.
        A set, read as given: a load passes the records it holds in review, which grow with it.
        ``allowed`` (entity ids, or None for all) restricts the decision to those entities the
        same way: the others are neither the winner nor the runner-up. A ``view`` is how a
        load sees the index as it grows (`View`); sibling names are never candidates then.
        """
        cfg = self._cfg
        view = view if view is not None else View()
        view.conflicts.clear()
        ranked, queries = self._score_entities(
            name,
            labels,
            exclude_pairs,
            cfg.max_scored,
            allowed=allowed,
            view=view,
            depth=cfg.max_candidates,
        )
        canon = view.canonical
        cands = tuple(
            self._candidate(r.entity, r.form, r.score, canon) for r in ranked[: cfg.max_candidates]
        )
        if not ranked:
            nothing = "no indexed name shares a token with the input"
            if view.conflicts:
                nothing = "no candidate but siblings: " + "; ".join(view.conflicts)
            return Decision(name, Judgement.NONE, None, 0.0, None, (), nothing)
        top = ranked[0]
        # The runner-up is the most plausible DIFFERENT entity, judged leniently (as if the
        # input were a short form of it): precision first, ambiguity goes to review.
        runner = max(ranked[1:], key=lambda r: (max(r.score, r.lenient), -r.entity), default=None)
        runner_score = max(runner.score, runner.lenient) if runner else 0.0
        best = cands[0]
        # If the best form was vetoed but another form of the same entity was not, explain
        # the best form anyway: it is what the reviewer sees first.
        text = self._form_text[top.form]
        al = self._align(queries[top.query], text.split(), top.entity, explain=True)
        parts = [f"best {best.id} ({best.name}) via alias {best.alias!r} score {top.score:.3f}"]
        if al.fuzzy:
            parts.append("near tokens " + ", ".join(al.fuzzy))
        if runner is not None:
            runner_id = canon.get(self._ids[runner.entity], self._ids[runner.entity])
            parts.append(
                f"runner-up {runner_id} ({self._names[runner.entity]}) score {runner_score:.3f}"
            )
        else:
            parts.append("no runner-up")
        if view.conflicts:
            parts.append("siblings left out: " + "; ".join(view.conflicts))
        decision, why = self._decide(top.score, top.ok, top.ok - runner_score, al)
        explanation = "; ".join([*parts, why])
        if decision == Judgement.NONE:
            return Decision(name, decision, None, top.score, None, cands, explanation)
        if decision == Judgement.MATCH:
            chosen = Candidate(best.id, best.name, top.ok, best.alias, best.labels)
            return Decision(name, decision, chosen, top.ok, best.alias, cands, explanation)
        return Decision(
            name, Judgement.REVIEW, best, top.score, best.alias, cands, explanation, al.plausible
        )

    def search(
        self,
        query: str,
        limit: int = 10,
        labels: Collection[str] | None = None,
        allowed: Collection[str] | None = None,
    ) -> list[Candidate]:
        """Ranked candidates for a search box: no veto or margin, just a looser score floor.
        ``allowed`` (entity ids, or None for all) keeps only those entities."""
        scored = max(self._cfg.max_scored, 6 * limit)
        ranked, _ = self._score_entities(
            query, labels, frozenset(), scored, allowed=allowed, tie=SEARCH_GRADE, depth=limit
        )
        out: list[Candidate] = []
        for row in ranked:
            if row.score < self._cfg.search_min_score or len(out) >= limit:
                break
            out.append(self._candidate(row.entity, row.form, row.score))
        return out
