"""One decision for a record that names its subject several ways (name, alt names, aliases).

Each form is resolved on its own; the forms then combine by `Judgement.combine`, and a match
stands only when every matching form points at the same entity: two forms of one row naming
two different entities is exactly the doubt a person must settle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from loaders.resolution.decision import Decision, Judgement
from loaders.resolution.normalize import normalize


@dataclass(frozen=True, slots=True)
class NamePlan:
    """The record's judgement, the decision behind it, and the form that produced it."""

    judgement: Judgement
    decision: Decision | None = None
    via: str | None = None

    @property
    def entity_id(self) -> str | None:
        """The entity a match resolved to (None unless the judgement is a match)."""
        if self.judgement is Judgement.MATCH and self.decision and self.decision.entity:
            return self.decision.entity.id
        return None


def plan_names(names: Sequence[str], resolve: Callable[[str], Decision]) -> NamePlan:
    """Resolve every form; one entity matched (by any form, none other matched) is a match,
    two entities matched or only plausible ones are a review, nothing at all is none."""
    return combine([(name, resolve(name)) for name in names])


def combine(decisions: Sequence[tuple[str, Decision]]) -> NamePlan:
    matched: dict[str, tuple[str, Decision]] = {}
    doubt: tuple[str, Decision] | None = None
    judgement = Judgement.NONE
    for name, decision in decisions:
        judgement = judgement.combine(decision.decision)
        if decision.decision is Judgement.MATCH and decision.entity is not None:
            matched.setdefault(decision.entity.id, (name, decision))
        elif decision.decision is Judgement.REVIEW and (
            doubt is None or decision.score > doubt[1].score
        ):
            doubt = (name, decision)
    if len(matched) > 1:
        # An acronym shares its letters with many names ("CEC", "CEC LIMITED"), and a
        # shortening of the record's own name is the stem its group's members share ("CHINA
        # MOBILE" of "China Mobile Communications Group Co., Ltd." also names China Mobile
        # Limited): the record's full name speaks for the record, these only where nothing
        # fuller matched.
        own = decisions[0][0]
        full = {
            k: nd
            for k, nd in matched.items()
            if not _acronym(nd[0]) and not _shortening(nd[0], own)
        }
        if len(full) == 1:
            matched = full
    if len(matched) == 1 and not _name_doubts(decisions, matched):
        name, decision = next(iter(matched.values()))
        return NamePlan(Judgement.MATCH, decision, name)
    if matched:  # the forms of one record point at different entities
        name, decision = max(matched.values(), key=lambda nd: nd[1].score)
        return NamePlan(Judgement.REVIEW, decision, name)
    if doubt is not None:
        return NamePlan(Judgement.REVIEW, doubt[1], doubt[0])
    return NamePlan(judgement)


# A record's own name this close to another entity is a doubt an alias cannot settle.
NEAR_NAME = 0.88


def _name_doubts(
    decisions: Sequence[tuple[str, Decision]], matched: dict[str, tuple[str, Decision]]
) -> bool:
    """The record's own name (its first form) is in doubt over an entity no form matched:
    the alias that matched borrowed a name ("Huawei Technologies" listed with the alternate
    name of its holding company), and names beat aliases."""
    if not decisions:
        return False
    first = decisions[0][1]
    return (
        first.decision is Judgement.REVIEW
        and first.entity is not None
        and first.score >= NEAR_NAME
        and first.entity.id not in matched
    )


def _acronym(name: str) -> bool:
    """One short word in capitals ("CEC", "CETC38", "AVIC"): letters, not a name."""
    word = name.strip()
    return 2 <= len(word) <= 8 and word.isalnum() and word.upper() == word and " " not in word


def _shortening(alias: str, name: str) -> bool:
    """The alias is the record's own name cut short: its words are the name's first words,
    fewer of them ("CHINA MOBILE" of "China Mobile Communications Group Co., Ltd.")."""
    short, whole = normalize(alias).split(), normalize(name).split()
    return 0 < len(short) < len(whole) and whole[: len(short)] == short
