"""Issue 22 on a small in-memory index: whole names of common words, acronyms that only share
letters, names over borrowed aliases, and filters applied before blocking keeps its best few.
"""

from __future__ import annotations

from loaders.resolution import IndexEntry, Resolver
from loaders.resolution.decision import Candidate, Decision, Judgement
from loaders.resolution.plan import combine

CEC = IndexEntry("company:cec", "China Electronics Corporation", aliases=("CEC",))
ENTRIES = [
    CEC,
    IndexEntry("company:cec-limited", "CEC LIMITED"),
    IndexEntry("company:cetc", "China Electronics Technology Group Corporation"),
    IndexEntry("company:ceiec", "China National Electronics Import & Export Corporation"),
    IndexEntry(
        "company:huawei",
        "Huawei Technologies Co., Ltd.",
        aliases=("HUAWEI INVESTMENT & HOLDING CO LTD",),
    ),
    IndexEntry("company:huawei-holding", "Huawei Investment & Holding Co., Ltd."),
]


def test_a_whole_name_of_common_words_is_a_match() -> None:
    decision = Resolver.build(ENTRIES).resolve("China Electronics Corporation")
    assert decision.decision is Judgement.MATCH, decision.explanation
    assert decision.entity is not None and decision.entity.id == "company:cec"


def test_a_part_of_a_generic_name_is_no_match() -> None:
    # Some of its common words are words many companies share: never a match on their own.
    resolver = Resolver.build(ENTRIES)
    assert resolver.resolve("Electronics Corporation").decision is not Judgement.MATCH
    assert resolver.resolve("China National Corporation").decision is not Judgement.MATCH


def test_two_entities_of_one_generic_name_are_a_doubt() -> None:
    twin = IndexEntry("company:cec-2", "China Electronics Corp.")
    decision = Resolver.build([*ENTRIES, twin]).resolve("China Electronics Corporation")
    assert decision.decision is Judgement.REVIEW


def _decision(name: str, judgement: Judgement, entity: str) -> Decision:
    candidate = Candidate(entity, entity, 1.0, name, ("Company",))
    return Decision(name, judgement, candidate, 1.0, name, (candidate,), "")


def test_an_acronym_alias_does_not_tie_the_full_name() -> None:
    plan = combine(
        [
            ("China Electronics Corporation", _decision("x", Judgement.MATCH, "company:cec")),
            ("CEC", _decision("CEC", Judgement.MATCH, "company:cec-limited")),
        ]
    )
    assert plan.judgement is Judgement.MATCH and plan.entity_id == "company:cec"


def test_a_shortening_of_the_name_does_not_tie_the_full_name() -> None:
    # NS-CMIC lists the group with the alt name "CHINA MOBILE", which is also the short name
    # of its listed arm China Mobile Limited: the full name says which of the two it is.
    group = "China Mobile Communications Group Co., Ltd."
    plan = combine(
        [
            (group, _decision(group, Judgement.MATCH, "company:cmcc")),
            ("CHINA MOBILE", _decision("CHINA MOBILE", Judgement.MATCH, "company:cm-ltd")),
        ]
    )
    assert plan.judgement is Judgement.MATCH and plan.entity_id == "company:cmcc"
    # A different word is no shortening: two names of one row for two entities stay a doubt.
    other = _decision("CHINA MOBILE HONG KONG", Judgement.MATCH, "company:cm-hk")
    plan = combine(
        [(group, _decision(group, Judgement.MATCH, "company:cmcc")), ("CHINA MOBILE HK", other)]
    )
    assert plan.judgement is Judgement.REVIEW


def test_an_alias_does_not_outvote_the_name_in_doubt() -> None:
    # The name is close to one entity, a borrowed alias matches another: a person decides.
    name = _decision("Huawei Technologies", Judgement.REVIEW, "company:huawei")
    alias = _decision("HUAWEI INVESTMENT", Judgement.MATCH, "company:huawei-holding")
    plan = combine([("Huawei Technologies", name), ("HUAWEI INVESTMENT", alias)])
    assert plan.judgement is Judgement.REVIEW


def test_names_beat_aliases_on_ties() -> None:
    found = Resolver.build(ENTRIES).search("Huawei Investment & Holding Co., Ltd.")
    assert found[0].id == "company:huawei-holding"
    assert found[0].alias == "Huawei Investment & Holding Co., Ltd."


def test_a_filter_never_loses_an_allowed_exact_name() -> None:
    namesakes = [
        IndexEntry(f"company:ns-{i}", "Orion Telecom Systems", aliases=(f"Orion {i}",))
        for i in range(200)
    ]
    wanted = IndexEntry("company:wanted", "Orion Telecom Systems Ltd.")
    resolver = Resolver.build([*namesakes, wanted, *ENTRIES])
    allowed = {"company:wanted", "company:cec"}
    decision = resolver.resolve("Orion Telecom Systems", allowed=allowed)
    assert decision.decision is Judgement.MATCH, decision.explanation
    assert decision.entity is not None and decision.entity.id == "company:wanted"
    found = resolver.search("Orion Telecom Systems", allowed=allowed)
    assert [c.id for c in found] == ["company:wanted"]
    # Without the filter, 201 namesakes: a doubt, never a coin flip.
    assert resolver.resolve("Orion Telecom Systems").decision is Judgement.REVIEW
