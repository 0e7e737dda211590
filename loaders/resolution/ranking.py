"""Ranking: the aligned forms into one row per entity, best first.

Why per entity, not per form: an entity has many names (aliases, pinyin, an acronym); the
decision is about entities, and an entity must never be its own runner-up. Each entity
keeps its best-ranked form, its best unvetoed score and its best lenient one (`Ranked`).

Why ties are ordered by spelling: normalisation drops legal forms and the alignment ignores
word order, so "Eagle Garcia Capital GmbH" / "... LLC" and "Johnson Walker" / "Walker
Johnson" score the same; the input's own spelling is the only evidence left to order them.
A tie is never a match, so this orders what a reviewer sees without touching a decision.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz.distance import Indel

from loaders.resolution.alignment import Aligner, Alignment, QueryForm
from loaders.resolution.postings import Postings

__all__ = ["SCORE_TIE", "SEARCH_GRADE", "Ranked", "Ranker", "View"]

SCORE_TIE = 1e-9  # scores closer than this are equal (float sums in a different order)
# A search box's grade: names this close in score differ only by how rare the words are that
# the query lacks ("Garcia Devices" against "Schulz Garcia Devices" and "Thompson Garcia
# Devices"), which says nothing of which one was meant; the spelling orders them instead.
SEARCH_GRADE = 0.02
_WORD = re.compile(r"\w+")


class Ranked(NamedTuple):
    """One entity's row: what it ranks by and what the decision reads."""

    score: float  # its best form's score, vetoed or not: the rank
    ok: float  # its best unvetoed score (0.0: every form vetoed): what may match
    entity: int
    form: int  # the form that scored `score`
    query: int  # the query form aligned with it
    lenient: float  # its best score as if the input were a short form of it (runner-up)


@dataclass(slots=True)
class View:
    """How one query sees the index while a load grows it.

    ``visible``: only the first entries are there yet (a load indexes its own records after
    the graph's entities, in file order, and a record sees those before it); ``canonical``:
    a record already resolved counts as the entity it resolved to, so it and that entity are
    one candidate, never each other's runner-up. ``conflicts`` collects, per query, the
    sibling names left out; the explanation names the first three in sorted order, never the
    first three met (blocking's order can differ between processes, and a screening job
    resumed in another process must explain a row as an uninterrupted run does).
    """

    visible: int | None = None
    canonical: Mapping[str, str] = field(default_factory=dict)
    conflicts: set[str] = field(default_factory=set)

    def note_conflict(self, name: str, why: str) -> None:
        self.conflicts.add(f"{name!r} ({why})")

    def siblings(self) -> str:
        return "; ".join(sorted(self.conflicts)[:3])


def surface(text: str) -> str:
    """The spelling as typed, minus case and punctuation: word order and legal form kept."""
    return " ".join(_WORD.findall(text.casefold()))


def keep_best(
    best: dict[str, Ranked],
    key: str,
    al: Alignment,
    e: int,
    fid: int,
    qi: int,
    own_name: bool = False,
) -> None:
    """Per entity: its best-ranked form, its best unvetoed score and its best lenient one.
    At the same score its own name (`own_name`: form `fid` is the name) is the form shown.
    A row that would not change is kept, not made anew: an entity's later forms seldom
    change it (on the CSL names, 87 of 3,153)."""
    ok = 0.0 if al.vetoed else al.score
    prev = best.get(key)
    if prev is None:
        best[key] = Ranked(al.score, ok, e, fid, qi, al.lenient)
    elif al.score > prev.score or (own_name and al.score == prev.score and prev.entity == e):
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


class Ranker:
    """Scores the blocked forms per entity and orders the entities."""

    __slots__ = (
        "_align",
        "_form_ent",
        "_form_src",
        "_form_text",
        "_ids",
        "_labels",
        "_names",
        "_text_of",
    )

    def __init__(self, postings: Postings, aligner: Aligner) -> None:
        self._align = aligner.align
        self._ids = postings.ids
        self._names = postings.names
        self._labels = postings.labels
        self._form_ent = postings.form_entity
        self._form_text = postings.form_text
        self._form_src = postings.form_source
        self._text_of = postings.stored_text

    def score(
        self,
        fids: list[int],
        queries: list[QueryForm],
        labels: Collection[str] | None,
        exclude: AbstractSet[str],
        allowed: Collection[str] | None,
        view: View | None,
    ) -> list[Ranked]:
        """One row per entity among the forms `fids` (see `Ranked`), in no order. Entities
        without one of `labels`, in `exclude` or not `allowed` are left out; with a `view`,
        so are forms that make the two names siblings (noted in `view.conflicts`)."""
        label_set = set(labels) if labels else None
        canonical = view.canonical if view is not None else {}
        ids, form_ent, form_text, align = self._ids, self._form_ent, self._form_text, self._align
        # Keyed by id, not entry index: if the caller feeds the same id twice (screening
        # lists repeat rows), it is one entity and must not count as its own runner-up.
        best: dict[str, Ranked] = {}
        # Forms of different entities often read the same (a name on several lists, namesakes):
        # one alignment per query form and text serves them all where no entity's own
        # places can change it (see `QueryForm.entity_free`).
        aligned: dict[tuple[int, str], Alignment] = {}
        for fid in fids:
            e = int(form_ent[fid])
            if label_set is not None and label_set.isdisjoint(self._labels[e]):
                continue
            if exclude and ids[e] in exclude:
                continue
            if allowed is not None and ids[e] not in allowed:
                continue
            text = form_text[fid]
            key = canonical.get(ids[e], ids[e])
            for qi, q in enumerate(queries):
                al = aligned.get((qi, text)) if q.entity_free else None
                if al is None:
                    al = align(q, text.split(), e)
                    if q.entity_free:
                        aligned[qi, text] = al
                if view is not None and al.conflict:
                    view.note_conflict(self._names[e], al.conflict)
                    continue
                keep_best(best, key, al, e, fid, qi, not self._form_src[fid])
        return list(best.values())

    def order(
        self, rows: list[Ranked], name: str, tie: float, depth: int | None = None
    ) -> list[Ranked]:
        """Entities by score; scores within `tie` of a group's best by the input's spelling
        similarity to the stored name or alias (see :func:`surface`), then by id.

        Resolution reorders only exact ties (`SCORE_TIE`): a tie has no margin, so it can
        never be a ``match`` and reordering it changes which candidate a reviewer sees
        first, never a decision. A search box ranks by grades (`SEARCH_GRADE`).

        Only groups that begin within the first `depth` rows are reordered: the caller reads
        no further in order (the runner-up is a maximum over all rows), and late in a load,
        where an input has many namesakes, comparing every one's spelling cost more than a
        tenth of blocking.
        """
        ids = self._ids
        rows.sort(key=lambda r: (-r.score, ids[r.entity]))
        query = ""
        i = 0
        end = len(rows) if depth is None else min(depth, len(rows))
        while i < end:
            j = i + 1
            while j < len(rows) and rows[j].score >= rows[i].score - tie:
                j += 1
            if j - i > 1:
                query = query or surface(name)
                rows[i:j] = sorted(rows[i:j], key=lambda r: self._tie_key(query, r))
            i = j
        return rows

    def _tie_key(self, query: str, row: Ranked) -> tuple[float, bool]:
        """The closer spelling first; at the same spelling, the entity whose own name it is
        before one that carries it as an alias (a list may give a company its holding's
        name as an alternate name: the holding is still the one meant)."""
        return -self._spelling(query, row), bool(self._form_src[row.form])

    def _spelling(self, query: str, row: Ranked) -> float:
        """Similarity (0-1) of the input's surface to the stored text behind the row's form."""
        return Indel.normalized_similarity(query, surface(self._text_of(row.entity, row.form)))
