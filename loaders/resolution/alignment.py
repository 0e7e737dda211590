"""Alignment: how well one query form and one stored form name the same thing, and whether
anything speaks against it.

Why it is built this way (users are journalists; a wrong merge is the worst error):

* **Score** — a weighted token alignment (exact, joined/split, plural variant, or a gated
  1-2 edit typo via rapidfuzz) turned into a Dice-like ratio: 2*matched / (2*matched +
  unmatched query weight + unmatched candidate weight).  Candidate-side descriptors and
  Chinese province/city prefixes that a short form routinely omits count at a fraction of
  their weight ("Hikvision Digital Technology" ~ "Hangzhou Hikvision Digital Technology").
* **Veto** — a form never yields ``match`` while a *distinctive* token (not a generic
  descriptor) is unmatched on either side: "Pishan Haishi Electronic Technology" lacks
  "Yong'an", "Hikvision USA" has "USA".  That is the evidence-against rule; the score alone
  would let a long shared boilerplate outvote one differing trade name.
* **Siblings and plausibility** — two names that differ by a number or a place are two
  units of one family (`_conflict`); two that each keep a distinctive word are two names
  (`_plausible`). Neither is a doubt worth a reviewer's time.

Two names in, one `Alignment` out: which entity wins is `loaders.resolution.ranking`'s
business, and what the thresholds make of it the resolver's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA
from rigour._core import person_name_prefixes_list, stopwords_list

from loaders.resolution.decision import ResolverConfig
from loaders.resolution.normalize import ADMIN_WORDS, COMMON_DESCRIPTORS, PLACE_PREFIXES
from loaders.resolution.vocabulary import (
    Vocabulary,
    across_scripts,
    name_similarity,
    same_sound,
    stem,
    typo_budget,
)

__all__ = ["Aligner", "Alignment", "QueryForm"]

_NO_PLACES: frozenset[str] = frozenset()
# Words a name carries without being told apart by them: administrative words, and the
# articles and prepositions of any language (rigour's stop words: "for", "in", "de", "al"),
# which one list writes and another drops ("Committee for Space Technology").
LIGHT_WORDS: frozenset[str] = ADMIN_WORDS | frozenset(
    w.casefold() for w in stopwords_list() if " " not in w and w.isalpha()
)
_NO_POSITIONS: frozenset[int] = frozenset()
_MIDDLE = 0.5


@dataclass(slots=True)
class Alignment:
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
class QueryForm:
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
    # not on the places the candidate entity carries elsewhere (`Aligner._place_ok`).
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


class Aligner:
    """Aligns query forms with stored forms under one configuration.

    `places_of(e)` gives the places entity *e*'s stored forms carry: an input's extra place
    is harmless only against an entity that has it (or has none).
    """

    __slots__ = (
        "_cfg",
        "_generic",
        "_light",
        "_max_w",
        "_persons",
        "_places",
        "_places_of",
        "_vocab",
        "_w",
    )

    def __init__(
        self,
        vocabulary: Vocabulary,
        config: ResolverConfig,
        places_of: Callable[[int], frozenset[str]],
        is_person: Callable[[int], bool] | None = None,
    ) -> None:
        self._cfg = config
        self._vocab = vocabulary.ids
        self._w = vocabulary.weights
        self._max_w = vocabulary.max_weight
        self._places_of = places_of
        # Whose middle names may differ: people, and only for a pasted name.
        lenient = config.lenient_places and is_person is not None
        self._persons: Callable[[int], bool] = is_person if lenient else _nobody  # type: ignore[assignment]
        # The places a name may omit (none when every place is part of the identity), and the
        # words a name carries without being told apart by them: descriptors, admin words
        # and those places.
        self._places = PLACE_PREFIXES if config.lenient_places else _NO_PLACES
        # Function words are light in a pasted name; among a load's full registered names
        # they are part of the name ("Management Company of the Fund" is not the Fund).
        self._light = LIGHT_WORDS if config.lenient_places else ADMIN_WORDS
        self._generic = COMMON_DESCRIPTORS | self._places | self._light

    def query_form(self, qt: list[str]) -> QueryForm:
        """The per-query part of every alignment (see :class:`QueryForm`)."""
        joins = [
            (span, [(i, "".join(qt[i : i + span])) for i in range(len(qt) - span + 1)])
            for span in (2, 3)
        ]
        near = [(i, t, stem(t)) for i, t in enumerate(qt) if len(t) >= 4]
        index: dict[str, int] = {}
        next_same = [-1] * len(qt)
        for i in range(len(qt) - 1, -1, -1):
            next_same[i] = index.get(qt[i], -1)
            index[qt[i]] = i
        entity_free = self._places.isdisjoint(qt)
        vocab, w, max_w = self._vocab, self._w, self._max_w
        weights = [w[tid] if (tid := vocab.get(t)) is not None else max_w for t in qt]
        return QueryForm(qt, weights, joins, near, index, next_same, entity_free)

    def align(
        self, q: QueryForm, ct: list[str], entity: int = -1, explain: bool = False
    ) -> Alignment:
        """Weighted token alignment -> Dice-like score plus the distinctive-token veto. Only
        with `explain` does it word the veto and judge plausibility: a query aligns many
        forms but explains one."""
        vocab, w = self._vocab, self._w
        wc = [w[vocab[t]] for t in ct]  # a stored form's tokens are all in the vocabulary
        qm, cm, matched, matched_full, fuzzy = self._match_tokens(q, ct, wc)
        if not (all(qm) or all(cm)) and self._persons(entity):
            named, named_full = self._match_names(q, ct, wc, qm, cm, fuzzy)
            matched += named
            matched_full += named_full
        tally = self._tally(q, ct, wc, qm, cm, entity)
        if not tally.distinctive_match and not fuzzy and _whole_name(tally, ct):
            # The very name, every word common ("China Electronics Corporation"): identity
            # rests on the whole name, as long as no rival carries it too (the margin) and
            # nothing else speaks against it (a load's evidence).
            tally.distinctive_match = True
        return self._judge(tally, matched, matched_full, fuzzy, explain)

    def _match_tokens(
        self, q: QueryForm, ct: list[str], wc: list[float]
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

    def _match_names(
        self,
        q: QueryForm,
        ct: list[str],
        wc: list[float],
        qm: list[bool],
        cm: list[bool],
        fuzzy: list[str],
    ) -> tuple[float, float]:
        """A person's words the spelling rules left unpaired, paired as names: one given
        name in rigour's tables, or one name by rigour's residue distance or the East Slavic
        romanisations (`name_similarity`). Lists romanise one person's name by the habits of
        their language ("Aliaksandr Ryhorovich Lukashenka" / "Alexander Ryhorovich
        Lukashenko"); a company's words a letter apart stay two names. Returns the matched
        weight it adds, credit-weighted and full."""
        matched = matched_full = 0.0
        for i, t in enumerate(q.tokens):
            if qm[i] or not (t.isascii() and t.isalpha()):
                continue
            best_j, best = -1, 0.0
            for j, c in enumerate(ct):
                if not cm[j] and c.isascii() and c.isalpha():
                    credit = name_similarity(t, c)
                    if credit > best:
                        best_j, best = j, credit
            if best_j >= 0:
                qm[i] = cm[best_j] = True
                matched += best * wc[best_j]
                matched_full += wc[best_j]
                fuzzy.append(f"{t}~{ct[best_j]}")
        return matched, matched_full

    def _near_token(self, t: str, st: str, ct: list[str], cm: list[bool]) -> tuple[int, float]:
        """The unmatched candidate token that is `t`'s plural variant (`st` is its stem) or a
        gated typo of it, and its credit: (-1, 0.0) when none is."""
        cfg = self._cfg
        best_j = -1
        best_credit = 0.0
        t0 = t[0]
        if not t.isascii():
            return self._near_across(t, ct, cm)
        for j, c in enumerate(ct):
            if cm[j]:
                continue
            # The spelling rules below need the same first letter: cheap pre-filter.
            if c[0] != t0:
                if same_sound(t, c) and cfg.sound_credit > best_credit:
                    best_credit, best_j = cfg.sound_credit, j
                continue
            if stem(c) == st:
                credit = cfg.plural_credit
            else:
                budget = typo_budget(t, c)
                d = OSA.distance(t, c, score_cutoff=budget) if budget else budget + 1
                if d <= budget:
                    credit = 1.0 - cfg.typo_credit_per_edit * d
                elif same_sound(t, c):
                    credit = cfg.sound_credit
                else:
                    continue
            if credit > best_credit:
                best_credit, best_j = credit, j
        return best_j, best_credit

    def _near_across(self, t: str, ct: list[str], cm: list[bool]) -> tuple[int, float]:
        """A token of another script against the candidate's Latin ones: the best of them
        by `across_scripts` (-1, 0.0 when none is one name with it)."""
        best_j, best_credit = -1, 0.0
        for j, c in enumerate(ct):
            if not cm[j] and c.isascii() and c.isalpha():
                credit = across_scripts(t, c)
                if credit > best_credit:
                    best_j, best_credit = j, credit
        return best_j, best_credit

    def _tally(
        self,
        q: QueryForm,
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
        light = self._light
        disc = cfg.omitted_weight
        tally = _Tally()
        middle_q, middle_c = self._middle_names(q.tokens, ct, qm, cm, entity)
        for i, t in enumerate(q.tokens):
            if qm[i]:
                continue
            if i in middle_q:
                tally.uq += _MIDDLE * disc * q.weights[i]
                continue
            # A place the entity itself carries elsewhere (or an entity with no place at
            # all) is a harmless addition: "杭州萤石网络" vs the alias "萤石网络".  A place
            # the entity does not have is a conflict ("Beijing Hikvision").
            if t in light or (t in places and self._place_ok(t, entity)):
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
            if j in middle_c:
                tally.uc += _MIDDLE * disc * wc[j]
                tally.uc_omitted += wc[j]
                continue
            tally.unmatched_c.append(t)
            tally.uc_omitted += wc[j]
            if t in light:
                tally.uc += wc[j] * disc
            else:
                tally.uc += wc[j] * (omit_disc if generic else 1.0)
                if not generic:
                    tally.extra_c.append(t)
        return tally

    def _middle_names(
        self, qt: list[str], ct: list[str], qm: list[bool], cm: list[bool], entity: int
    ) -> tuple[frozenset[int], frozenset[int]]:
        """A person's extra given names or patronymic, the rest identical: positions of the
        one side's unmatched words strictly inside its name, when the other side is matched
        whole and both ends of the longer name are matched ("Muthanna Harith AL-DARI" and
        "MUTHANNA HARITH SALMAN AL-DARI"). Lists add and drop middle names; an extra first
        or last word (a title, another surname) stays evidence against. Pasted names only:
        a load's people need more than a name anyway."""
        if not self._persons(entity) or len(qt) < 2 or len(ct) < 2:
            return _NO_POSITIONS, _NO_POSITIONS
        if all(cm) and not all(qm):
            return _omissible(qt, qm), _NO_POSITIONS
        if all(qm) and not all(cm):
            return _NO_POSITIONS, _omissible(ct, cm)
        if all(qm) or all(cm) or not (_titles_only(qt, qm) or _titles_only(ct, cm)):
            return _NO_POSITIONS, _NO_POSITIONS
        # a title on one side ("Dr", "Mullah"), the other's own omissible words on the other
        oq, oc = _omissible(qt, qm), _omissible(ct, cm)
        return (oq, oc) if oq and oc else (_NO_POSITIONS, _NO_POSITIONS)

    def _place_ok(self, place: str, e: int) -> bool:
        """An extra place in the input is harmless if the entity has it or has no place."""
        if e < 0:
            return True
        places = self._places_of(e)
        return not places or place in places

    def _judge(
        self, tally: _Tally, matched: float, matched_full: float, fuzzy: list[str], explain: bool
    ) -> Alignment:
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
            return Alignment(score, lenient, vetoed, "", uq, uc, fuzzy, conflict)
        reasons = _veto(tally.extra_q, tally.extra_c, tally.distinctive_match)
        plausible = _plausible(uq, uc, tally.distinctive_match, strict)
        return Alignment(
            score, lenient, vetoed, "; ".join(reasons), uq, uc, fuzzy, conflict, plausible
        )


# Endings of East Slavic patronymics as lists spell them (Vladimirovich, Volodymyrovych,
# Igorevna, Ihorivna, Ilyich, Kuzminichna, Володимирович, Миколаївна): one side of a
# person's name often drops it.
_PATRONYMIC = (
    "vich",
    "vych",
    "ovna",
    "evna",
    "ivna",
    "ichna",
    "ilyich",
    "вич",
    "вна",
    "ична",
    "ьич",
)


# Titles before a person's name: rigour's person-name prefixes (Dr, General, Captain ...)
# and the religious and honorary titles of sanctions lists' Arabic, Pashto and Urdu names.
TITLES: frozenset[str] = frozenset(
    w.casefold().rstrip(".") for w in person_name_prefixes_list() if " " not in w
) | frozenset(
    (
        *("sheikh", "shaykh", "shaikh", "hajji", "haji", "hajj", "alhaj", "alhajj", "mullah"),
        *("mulla", "maulana", "mawlana", "mawlawi", "maulvi", "qari", "hafiz", "mufti", "imam"),
    )
)


def _omissible(tokens: list[str], matched: list[bool]) -> frozenset[int]:
    """A person's unmatched words that the other side may simply have left out: titles
    before the name, middle names when both ends of the name matched, and a patronymic
    anywhere, when two other words matched ("SHALAY Andrey" of "ШАЛАЙ Андрей Анатольевич").
    Empty unless every unmatched word is one of them."""
    n = len(tokens)
    titles = 0
    while titles < n - 1 and tokens[titles] in TITLES:
        titles += 1
    ends = matched[titles] and matched[-1]
    patronymics = {i for i, t in enumerate(tokens) if t.endswith(_PATRONYMIC) and len(t) > 5}
    if sum(matched) < 2:
        return _NO_POSITIONS
    loose = frozenset(
        i
        for i in range(n)
        if not matched[i] and (i < titles or (ends and titles < i < n - 1) or i in patronymics)
    )
    unmatched = sum(1 for m in matched if not m)
    if len(loose) == unmatched:
        return loose
    # One more name at either end, the rest matched whole and in one piece: a first name or
    # a surname one list adds ("Peter Gadet" / "Peter Gadet Yak", "Malik Zafar Iqbal").
    edge = titles if not matched[titles] else n - 1
    if unmatched == 1 and not matched[edge] and titles < n - 1 and sum(matched) >= 2:
        return frozenset({edge})
    return _NO_POSITIONS


def _titles_only(tokens: list[str], matched: list[bool]) -> bool:
    """Every unmatched word is a title before the name."""
    titles = 0
    while titles < len(tokens) - 1 and tokens[titles] in TITLES:
        titles += 1
    return all(m or i < titles for i, m in enumerate(matched))


def _nobody(entity: int) -> bool:
    return False


def _whole_name(tally: _Tally, ct: list[str]) -> bool:
    """Both names are the same words, nothing left over on either side, and they are more
    than one word and more than places: a whole name of common words names one party."""
    if tally.unmatched_q or tally.unmatched_c or tally.uq or tally.uc or len(ct) < 2:
        return False
    return any(t not in PLACE_PREFIXES and t not in LIGHT_WORDS for t in ct)


def _veto(extra_q: list[str], extra_c: list[str], distinctive_match: bool) -> list[str]:
    """Why a form may not match: identity must rest on at least one shared distinctive token,
    and no distinctive token may be left over on either side (empty: no veto). The extras
    are those left-over tokens, as `Aligner._tally` finds them."""
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
    light = ADMIN_WORDS if strict else LIGHT_WORDS
    extra_c = [t for t in unmatched_c if t not in COMMON_DESCRIPTORS and t not in light]
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
