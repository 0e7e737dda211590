"""What resolving a name decides, and how decisions combine.

A decision is a `Judgement` (nomenklatura's idea: an enum with its combine rule), never a
string from one of several vocabularies: the resolver returns one per name form, a record's
forms (its name and each alias) combine into one, and the review queue stores its value.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Judgement(StrEnum):
    """match: this entity; review: a person must decide; none: no entity of the graph."""

    MATCH = "match"
    REVIEW = "review"
    NONE = "none"

    def combine(self, other: Judgement) -> Judgement:
        """Two forms of one record, entity aside: any doubt wins over none, and a match over
        both (`loaders.resolution.plan` then checks that the matches agree on one entity)."""
        order = (Judgement.NONE, Judgement.REVIEW, Judgement.MATCH)
        return max(self, other, key=order.index)


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One graph entity as the resolver sees it; the graph layer builds these from Neo4j."""

    id: str
    name: str
    labels: tuple[str, ...] = ("Company",)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored entity; ``alias`` is the stored name/alias that produced the score."""

    id: str
    name: str
    score: float
    alias: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    """Outcome of resolving one input, self-explaining so a reviewer can audit it."""

    input: str
    decision: Judgement
    entity: Candidate | None
    score: float
    alias: str | None
    candidates: tuple[Candidate, ...]
    explanation: str
    # A review whose names could be one name written two ways (False: each keeps a word the
    # other lacks, or they share only descriptors). A load's records only doubt plausibly.
    plausible: bool = True

    def to_json(self) -> dict[str, object]:
        """Stable JSON shape shared with the API; scores rounded so output is diff-friendly."""
        # `entity` names a resolution only on `match`: a script that reads it must never take a
        # review's best guess for an answer (the guess is the first of `candidates`).
        entity: dict[str, object] | None = None
        if self.entity is not None and self.decision == "match":
            entity = {
                "id": self.entity.id,
                "name": self.entity.name,
                "labels": list(self.entity.labels),
            }
        return {
            "input": self.input,
            "decision": self.decision.value,
            "entity": entity,
            "score": round(self.score, 4),
            "alias": self.alias,
            "candidates": [
                {"id": c.id, "name": c.name, "score": round(c.score, 4)} for c in self.candidates
            ],
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class ResolverConfig:
    """Decision and blocking parameters.

    Defaults and why:

    * ``match_threshold=0.88`` — with IDF weights a single missing discriminating token costs
      far more than 0.12, while omitted boilerplate/prefixes and one typo cost less; the veto
      (not this number) is what keeps different trade names apart.
    * ``review_threshold=0.55`` — above it, at least about half of the weighted evidence
      agrees: worth a human look; below it the overlap is boilerplate only.
    * ``min_margin=0.05`` — the winner must beat the best *different* entity by more than
      what a plural or one typo is worth (0.03-0.05), so two near-identical names
      ("Huawei Technology" vs "Huawei Technologies") go to review instead of a coin flip.
    * ``omitted_weight=0.3`` — a generic descriptor or a province/city prefix that the query
      omits counts at 30 % of its IDF weight: short forms drop them by convention, but their
      absence is still (weak) evidence.
    * ``block_budget`` / ``posting_cap`` — at most this many postings are scanned per query,
      rarest tokens first, so very common tokens never explode the candidate set.
    * ``max_scored`` — forms fully scored per query after the blocking pre-ranking.
    * ``sound_credit=0.9`` — one name spelt by two transliterations (Qadhafi / Gaddafi,
      `vocabulary.skeleton`) counts as much as two typos: found, never better than exact.
    * ``lenient_places=True`` — a Chinese province or city that one name has and the other
      lacks costs a fraction and never vetoes: pasted names drop and add them. A load of
      full registered names turns it off (`loaders.resolution.growing`): there "Chengdu
      Huawei Technologies" and "Huawei Technologies" are two companies.
    * ``prune_below`` — forms whose pre-ranking estimate of the score is below it are not
      scored at all. 0 for a pasted name (a candidate-side omission scores above its
      estimate); a load of full names, where nothing is an omission, sets it under the
      review threshold.
    """

    match_threshold: float = 0.88
    review_threshold: float = 0.55
    min_margin: float = 0.05
    max_candidates: int = 5
    omitted_weight: float = 0.3
    block_budget: int = 2000
    posting_cap: int = 2000
    max_scored: int = 24
    search_min_score: float = 0.3
    plural_credit: float = 0.97
    typo_credit_per_edit: float = 0.05
    sound_credit: float = 0.9
    lenient_places: bool = True
    prune_below: float = 0.0
