"""The index's tokens: their weights, and which spellings of a token count as that token.

Why weights by IDF over the indexed name forms: place and trade names (Luopu, Moyu, Dingxin,
Hikvision) then dominate boilerplate (Electronic, Technology), with no word list to keep.

Why the spelling rules live together: a plural, a gated typo and a split are one token
written differently, and blocking (which tokens to probe) and alignment (which tokens to
pair) must agree on them, or a name blocks on a token it can never pair, or pairs one it
never blocks on. Unknown query tokens (typos) are looked up in a trigram index of the
vocabulary (pigeonhole-filtered, then verified with an edit distance), long unknown tokens
split in two known ones ("haikangweishi").
"""

from __future__ import annotations

import functools
import math
from array import array
from operator import itemgetter

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from loaders.resolution.normalize import list_latin
from loaders.resolution.postings import csr

__all__ = ["Vocabulary", "plural_variants", "stem", "typo_budget"]

UNKNOWN_MEMO_MAX = 200_000  # memoised unknown tokens per resolver (a few tens of MB at most)
NEAR_VERIFY_MAX = 2000  # candidate neighbours verified per unknown token, most grams shared first


def stem(t: str) -> str:
    """Crude English plural fold; only used to *compare* tokens, never to store them."""
    if len(t) > 5 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 4 and t.endswith("s") and not t.endswith("ss"):
        return t[:-1]
    return t


def plural_variants(t: str) -> tuple[str, ...]:
    """Singular/plural spellings to probe in blocking, mirroring :func:`stem` in alignment."""
    if len(t) < 4 or not t.isascii():
        return ()
    st = stem(t)
    if st != t:
        return (st,)
    if t.endswith("y"):
        return (t[:-1] + "ies", t + "s")
    return (t + "s",)


def typo_budget(a: str, b: str) -> int:
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


# Spellings that transliterations of one sound choose between (Arabic, Russian, Belarusian
# and Pashto names in English, French and German lists): Qadhafi / Gaddafi, Khalaf / Kalaf,
# Houthi / Huthi, Ba'asyir / Bashir. Longest first; applied once, left to right.
_SOUNDS = (
    ("kh", ""),
    ("gh", "g"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("sh", "s"),
    ("ch", "s"),
    ("zh", "z"),
    ("ou", "u"),
    ("ee", "i"),
    ("ie", "e"),
    ("ye", "e"),
    ("x", "ks"),
    ("q", "k"),
    ("c", "k"),
    ("g", "k"),
    ("y", "i"),
    ("h", ""),
)


def _respell(token: str, table: tuple[tuple[str, str], ...]) -> str:
    """The token rewritten left to right, the first spelling of `table` that starts at each
    place replaced (the tables list longer spellings first)."""
    out: list[str] = []
    i, n = 0, len(token)
    while i < n:
        for src, dst in table:
            if token.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            out.append(token[i])
            i += 1
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """The token as it sounds across transliterations: the spellings above folded, doubled
    letters single. Two tokens of one skeleton are one name spelt two ways (for tokens of
    four letters or more, ASCII only; `loaders.resolution.alignment` credits it below an
    exact match)."""
    folded = _respell(token, _SOUNDS)
    return "".join(c for k, c in enumerate(folded) if k == 0 or c != folded[k - 1])


def same_sound(a: str, b: str) -> bool:
    """Two different ASCII tokens of four letters or more with one skeleton."""
    return (
        a != b
        and min(len(a), len(b)) >= 4
        and a.isascii()
        and b.isascii()
        and a.isalpha()
        and b.isalpha()
        and skeleton(a) == skeleton(b)
    )


@functools.lru_cache(maxsize=65536)
def latin(token: str) -> str:
    """A token of another script in Latin letters (rigour's transliteration), lower case."""
    from rigour.text.translit import ascii_text

    return "".join(c for c in ascii_text(token).casefold() if c.isalnum())


@functools.lru_cache(maxsize=65536)
def name_symbols(token: str) -> frozenset[str]:
    """The Wikidata items of the given names and surnames a token spells, as rigour tags
    them: "Сергій" and "Sergey" share one, "Олександр" and "Aleksandr" one, though no
    letter-by-letter transliteration makes one of the other. rigour's name tables take
    seconds to load: only a cross-script comparison asks (`across_scripts`)."""
    from rigour._core import SymbolCategory
    from rigour.names.analyze import analyze_names
    from rigour.names.tag import NameTypeTag

    return frozenset(
        span.symbol.id
        for name in analyze_names(NameTypeTag.PER, [token])
        for span in name.spans
        if span.symbol.category == SymbolCategory.NAME and len(span.parts) == 1
    )


# A name in another script is the same name, not a misspelling of it: its transliteration
# is exact, one of its other transliterations (or a given name's form in rigour's tables)
# nearly so.
ACROSS_EXACT = 1.0
ACROSS_NEAR = 0.95


def across_scripts(token: str, other: str) -> float:
    """How surely a token of another script (`token`) and a Latin one are one name (0.0:
    not): the same letters once transliterated, or spelt by another transliteration, or
    one given name or surname in rigour's tables."""
    lat = latin(token)
    if len(lat) < 3:
        return 0.0
    if lat == other:
        return ACROSS_EXACT
    listed = "".join(c for c in list_latin(token) if c.isalnum())
    if listed == other:
        return ACROSS_EXACT
    if listed and name_similarity(listed, other) >= ACROSS_NEAR - 0.05:
        return ACROSS_NEAR
    if same_sound(lat, other):
        return ACROSS_NEAR
    budget = typo_budget(lat, other) if lat[0] == other[0] else 0
    if budget and OSA.distance(lat, other, score_cutoff=budget) <= budget:
        return ACROSS_NEAR
    if name_symbols(token) & name_symbols(other) or same_father(token, other):
        return ACROSS_NEAR
    return 0.0


# The letters Belarusian and Ukrainian romanisations write where Russian ones write others
# (Aliaksandr / Aleksandr, Siarhei / Sergei, Zubkou / Zubkov, Ipatau / Ipatov): one person's
# name in the lists of two countries. Applied once, left to right, to a person's word only.
_SLAVIC = (("ia", "e"), ("ie", "e"), ("ya", "e"), ("ye", "e"), ("x", "ks"), ("h", "g"), ("w", "v"))
_SLAVIC_END = (("au", "av"), ("ou", "ov"), ("ka", "ko"), ("ski", "sky"), ("skii", "sky"))
SLAVIC_CREDIT = 0.9


@functools.lru_cache(maxsize=65536)
def slavic_fold(token: str) -> str:
    """A person's word with the East Slavic romanisations' differences folded."""
    for src, dst in _SLAVIC_END:
        if token.endswith(src):
            token = token[: -len(src)] + dst
            break
    return _respell(token, _SLAVIC)


# Patronymics as Russian, Ukrainian and Belarusian names and their romanisations end, male and
# female, longest first: the father's name is what is left ("Миколаївна" is Mykola's
# daughter, "Nikolaevna" Nikolai's).
_PATRONYMIC_ENDS = (
    ("iyovych", "yovych", "yevich", "ovych", "evych", "ovich", "evich", "avich", "ich"),
    ("yivna", "ivna", "ovna", "evna", "auna", "awna", "ichna"),
    ("йович", "ович", "евич", "ьевич", "ич"),
    ("ївна", "івна", "овна", "евна", "ична"),
)
_FATHER_ENDS = ("", "a", "i", "y", "ii", "iy", "ei", "ey", "o", "й", "а", "о", "ь", "ій")


@functools.lru_cache(maxsize=65536)
def patronymic(token: str) -> tuple[int, frozenset[str]]:
    """A patronymic's gender (0 male, 1 female; -1: not one) and the symbols in rigour's
    name tables of the father's name it is made of."""
    for k, ends in enumerate(_PATRONYMIC_ENDS):
        for end in ends:
            if token.endswith(end) and len(token) > len(end) + 2:
                stem = token[: -len(end)]
                found = frozenset().union(*(name_symbols(stem + e) for e in _FATHER_ENDS))
                return k % 2, found
    return -1, frozenset()


def same_father(a: str, b: str) -> bool:
    """Two patronymics of one gender made of one father's name in any of the East Slavic
    languages or romanisations ("Миколаївна" / "Nikolaevna", "Юрійович" / "Iurevich")."""
    gender_a, fathers_a = patronymic(a)
    if gender_a < 0:
        return False
    gender_b, fathers_b = patronymic(b)
    return gender_a == gender_b and bool(fathers_a & fathers_b)


# Person names only: below this rigour's residue similarity is another name ("Tayeb" and
# "Taleb", "Ahmad" and "Ahmed" score 0.64; "Jamil" / "Jamiel", "Juhni" / "Juhani" 0.83).
NAME_SIMILAR_MIN = 0.7


@functools.lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """How surely two Latin words are one person's name spelt two ways (0.0: not): one given
    name in rigour's name tables ("Aleh" / "Oleg", "Mohammed" / "Muhammad"), else rigour's
    residue distance, which OpenSanctions' matchers use for what symbols leave over (cheap
    edits for letters transliterations confuse: "Lukashenka" / "Lukashenko", "Souleymane" /
    "Souleman"). Only people: a company's trade names a letter apart are two companies."""
    if min(len(a), len(b)) < 3:
        return 0.0
    if name_symbols(a) & name_symbols(b) or same_father(a, b):
        return ACROSS_NEAR
    fa, fb = slavic_fold(a), slavic_fold(b)
    if fa == fb or (fa[0] == fb[0] and OSA.distance(fa, fb) <= typo_budget(fa, fb)):
        return SLAVIC_CREDIT
    from rigour.names import NamePart, compare_parts

    score = max((m.score for m in compare_parts([NamePart(a, 0)], [NamePart(b, 0)])), default=0.0)
    return score if score >= NAME_SIMILAR_MIN else 0.0


def _adjacent_swap(a: str, b: str) -> bool:
    """True when b is a with exactly two neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i, j = diff
    return a[i] == b[j] and a[j] == b[i]


def _grams(t: str) -> set[str]:
    """The token's trigrams plus two boundary grams ("^ma", "in$"): as many grams as letters.

    Why the boundary grams: one edit (a swap of two neighbours, the worst case) destroys at
    most four grams, so d edits leave a shared gram among any 4*d+1 of the token's grams
    only if it has that many.  Inner trigrams alone are two fewer than the letters: a 6-letter
    token has 4, and "matrin" shares none with "martin"."""
    return {"^" + t[:2], t[-2:] + "$", *(t[i : i + 3] for i in range(len(t) - 2))}


def _pick(items: list[str], at: list[int]) -> list[str]:
    """`[items[i] for i in at]` in one C call: up to 2,000 typo candidates per unknown token,
    where the Python loop cost as much as verifying them."""
    if len(at) < 2:
        return [items[i] for i in at]
    return list(itemgetter(*at)(items))


class Vocabulary:
    """The index's tokens by id with their IDF weights, and the tokens an unknown one may be.

    The weights are kept twice: a list, for the alignment's per-token reads in Python (read
    and summed, a numpy scalar took 2.5 times as long), and an array, for sums over forms.
    """

    __slots__ = (
        "_memo",
        "_tok_len",
        "_tri",
        "_tri_off",
        "_tri_post",
        "idf",
        "ids",
        "max_weight",
        "weights",
        "words",
    )

    def __init__(
        self, ids: dict[str, int], words: list[str], df: npt.NDArray[np.int32], n_forms: int
    ) -> None:
        """`df[k]`: the number of the `n_forms` stored forms that hold token k."""
        self.ids = ids
        self.words = words
        n = max(n_forms, 1)
        self.idf: npt.NDArray[np.float64] = np.log1p(n / np.maximum(df, 1).astype(np.float64))
        self.weights: list[float] = self.idf.tolist()
        self.max_weight = math.log1p(n)  # an unknown token's: rarer than any known one
        self._tok_len = np.fromiter(
            (min(len(t), 255) for t in words), dtype=np.uint8, count=len(words)
        )
        self._memo: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._tri: dict[str, int] = {}
        self._tri_post, self._tri_off = self._trigrams()

    def weight(self, t: str) -> float:
        tid = self.ids.get(t)
        return self.weights[tid] if tid is not None else self.max_weight

    def _trigrams(self) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64]]:
        """Trigram index over the vocabulary, only for tokens long enough to be typo-matched."""
        tri = self._tri
        g_ids = array("i")
        g_toks = array("i")
        for tid, t in enumerate(self.words):
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
        post, off, _ = csr(g_ids, g_toks, len(tri))
        return post, off

    def unknown(self, t: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Typo neighbours and split halves of a token the index does not know, memoised.

        Finding neighbours is most of a lookup's cost for names the index lacks, and a list
        file repeats its words thousands of times; the index never changes after it is
        built, so an answer stays right for the resolver's life. The memo is bounded
        (cleared when full) so a long stream of novel words cannot grow it without end."""
        memo = self._memo
        found = memo.get(t)
        if found is None:
            if len(memo) >= UNKNOWN_MEMO_MAX:
                memo.clear()
            found = (tuple(self.near_tokens(t)), tuple(self.split_token(t)))
            memo[t] = found
        return found

    def near_tokens(self, t: str) -> list[int]:
        """Vocabulary tokens within the typo budget of an unknown token.

        Pigeonhole: d edits destroy at most 4*d grams (see :func:`_grams`), so any true
        neighbour shares at least one of the query's 4*d+1 *rarest* grams; scanning only
        those keeps the lookup cheap even when the vocabulary is huge.
        """
        if len(t) < 6 or not t.isascii():
            return []
        d = 1 if len(t) < 9 else 2  # the largest budget typo_budget can grant t
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
        # A vectorised pre-filter mirroring typo_budget (similar length); then the tokens
        # sharing the most picked grams are verified first, so the cap on verifications
        # drops the unlikely ones (it dropped by token id, often the true neighbour).
        cand = cand[np.abs(self._tok_len[cand].astype(np.int16) - len(t)) <= d]
        ids, counts = np.unique(cand, return_counts=True)
        ids = ids[np.argsort(-counts, kind="stable")[:NEAR_VERIFY_MAX]]
        # Within the largest budget first (one C++ pass), then each survivor's own budget.
        tids = ids.tolist()
        words = _pick(self.words, tids)
        near = process.extract(t, words, scorer=OSA.distance, score_cutoff=d, limit=None)
        keep = sorted(i for _, dist, i in near if dist <= typo_budget(t, words[i]))
        return [tids[i] for i in keep]

    def split_token(self, t: str) -> list[int]:
        """Two known tokens whose concatenation is *t* ("haikangweishi" -> haikang+weishi)."""
        if len(t) < 6:
            return []
        vocab = self.ids
        for i in range(3, len(t) - 2):
            a = vocab.get(t[:i])
            if a is not None:
                b = vocab.get(t[i:])
                if b is not None:
                    return [a, b]
        return []
