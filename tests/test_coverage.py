"""The aggregate 50 % computation, from OFAC FAQ 401's worked examples (quoted) and the rules
it states, over share intervals; and rules' dated versions. Pure: no database.

FAQ 401: '"Indirectly," as used in OFAC's 50 Percent Rule, refers to one or more blocked
persons' ownership of shares of an entity through another entity or entities that are 50
percent or more owned in the aggregate by the blocked person(s).'
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.coverage import (
    Holding,
    SeedStatus,
    affiliation,
    aggregate,
    reach,
    rule_on,
    stakes,
)
from graph.shares import parse_share

DAY = "2025-10-15"


def held(
    owned: str, owner: str, share: str | None, edge: str = "SUBSIDIARY_OF", **kw: str
) -> Holding:
    return Holding(owned, owner, edge, parse_share(share), fact_id=f"{owned}<{owner}", **kw)


def outcome(
    holdings: list[Holding], target: str, seeds: Mapping[str, SeedStatus] | None = None
) -> str:
    result = reach(stakes(holdings, DAY), seeds or {"X": "listed"}, 50)
    return aggregate(result, target, 50).outcome


def test_faq401_example_1_a_covered_middle_entity_passes_coverage_on_whole() -> None:
    """'Blocked Person X owns 50 percent of Entity A, and Entity A owns 50 percent of Entity B.
    Entity B is considered to be blocked.' (not 25 %: stakes are not multiplied)"""
    graph = [held("A", "X", "50"), held("B", "A", "50")]
    result = reach(stakes(graph, DAY), {"X": "listed"}, 50)
    b = aggregate(result, "B", 50)
    assert b.outcome == "covered" and (b.low, b.high) == (50, 50)
    assert [s.owner for s in b.witness] == ["A", "X"]
    assert b.contributions[0].owner_state == "covered"


def test_faq401_example_2_shares_of_several_covered_owners_add() -> None:
    """'Blocked Person X owns 50 percent of Entity A and 50 percent of Entity B. Entities A and
    B each own 25 percent of Entity C. Entity C is considered to be blocked.'"""
    graph = [held("A", "X", "50"), held("B", "X", "50"), held("C", "A", "25"), held("C", "B", "25")]
    result = reach(stakes(graph, DAY), {"X": "listed"}, 50)
    c = aggregate(result, "C", 50)
    assert c.outcome == "covered" and c.low == 50
    assert {x.stake.owner for x in c.contributions} == {"A", "B"}


def test_faq401_example_3_direct_and_indirect_add() -> None:
    """'Blocked Person X owns 50 percent of Entity A and 10 percent of Entity B. Entity A also
    owns 40 percent of Entity B. Entity B is considered to be blocked.'"""
    graph = [held("A", "X", "50"), held("B", "X", "10"), held("B", "A", "40")]
    assert outcome(graph, "B") == "covered"


def test_faq399_stakes_of_different_blocked_persons_aggregate() -> None:
    """FAQ 399, as OFAC words it: 'if Blocked Person X owns 25 percent of Entity A, and Blocked
    Person Y owns another 25 percent of Entity A, Entity A is considered to be blocked.'"""
    graph = [held("A", "X", "25"), held("A", "Y", "25")]
    assert outcome(graph, "A", {"X": "listed", "Y": "listed"}) == "covered"
    assert outcome(graph, "A", {"X": "listed"}) == "not_covered"


def test_an_entity_under_half_owned_passes_nothing_on() -> None:
    """By FAQ 401's definition of "indirectly": X's 40 % of A does not make A covered, so A's
    100 % of B is not X's."""
    graph = [held("A", "X", "40"), held("B", "A", "100")]
    result = reach(stakes(graph, DAY), {"X": "listed"}, 50)
    assert aggregate(result, "A", 50).outcome == "not_covered"
    b = aggregate(result, "B", 50)
    assert b.outcome == "not_covered" and b.high == 0


def test_interval_outcomes() -> None:
    assert outcome([held("A", "X", "over 50 %")], "A") == "covered"
    assert outcome([held("A", "X", "majority-owned")], "A") == "covered"
    assert outcome([held("A", "X", "less than 25%")], "A") == "not_covered"
    assert outcome([held("A", "X", "25-50")], "A") == "undetermined"
    assert outcome([held("A", "X", None)], "A") == "undetermined"
    assert outcome([held("A", "X", "the family's holding")], "A") == "undetermined"
    # exclusive bounds decide exactly at the threshold
    assert outcome([held("A", "X", "nearly 50%")], "A") == "not_covered"
    assert outcome([held("A", "X", "at least 50%")], "A") == "covered"
    # two stakes of unknown size may add up either way
    two = [held("A", "X", "less than 25%"), held("A", "Y", "less than 30%")]
    assert outcome(two, "A", {"X": "listed", "Y": "listed"}) == "undetermined"


def test_undetermined_names_the_stakes_of_unknown_size() -> None:
    graph = [held("A", "X", "30"), held("A", "Y", "10-30")]
    result = reach(stakes(graph, DAY), {"X": "listed", "Y": "listed"}, 50)
    a = aggregate(result, "A", 50)
    assert a.outcome == "undetermined" and (a.low, a.high) == (40, 60)
    assert "Y" in a.reason and "X" not in a.reason.split(":", 1)[1].split("(", 1)[1]


def test_a_vaguely_dated_listing_can_only_make_it_undetermined() -> None:
    graph = [held("A", "X", "60")]
    assert outcome(graph, "A", {"X": "possibly_listed"}) == "undetermined"


def test_control_without_a_share_adds_nothing() -> None:
    """FAQ 398: 'OFAC's 50 Percent Rule speaks only to ownership and not to control.'"""
    graph = [held("A", "X", None, edge="CONTROLLED_BY")]
    result = reach(stakes(graph, DAY), {"X": "listed"}, 50)
    a = aggregate(result, "A", 50)
    assert a.outcome == "not_covered" and a.high == 0
    assert "FAQ 398" in a.reason and "X" in a.reason
    stated = [held("A", "X", "60", edge="CONTROLLED_BY")]
    assert outcome(stated, "A") == "covered"


def test_a_branch_is_part_of_its_company() -> None:
    graph = [held("A", "X", "60"), held("A-branch", "A", None, edge="BRANCH_OF")]
    assert outcome(graph, "A-branch") == "covered"


def test_cycles_terminate_and_cover_no_one_unlisted() -> None:
    graph = [held("A", "B", "60"), held("B", "A", "60"), held("C", "A", "100")]
    result = reach(stakes(graph, DAY), {"X": "listed"}, 50)
    assert [aggregate(result, e, 50).outcome for e in "ABC"] == ["not_covered"] * 3
    graph.append(held("A", "X", "50"))
    result = reach(stakes(graph, DAY), {"X": "listed"}, 50)
    assert [aggregate(result, e, 50).outcome for e in "ABC"] == ["covered"] * 3


def test_claims_about_one_stake_are_one_stake() -> None:
    """Two sources' figures for one holding never add up; the later figure supersedes."""
    same_day = [
        held("A", "X", "30", share_as_of="2022-06-30"),
        held("A", "X", "31", share_as_of="2022-06-30"),
    ]
    (stake,) = stakes(same_day, DAY)
    assert stake.share.interval() == "[30, 31]"
    later = [
        held("A", "X", "60", share_as_of="2022-12-28", share_as_of_precision="before"),
        held("A", "X", "48", share_as_of="2022-12-28", share_as_of_precision="day"),
        held("A", "X", None),
    ]
    (stake,) = stakes(later, DAY)
    assert stake.share.interval() == "[48, 48]" and len(stake.claims) == 3
    (early,) = stakes(later, "2022-06-01")
    assert early.share.kind == "not_stated"  # no figure dated by then


def test_subsidiaries_and_affiliates_rules_follow_subsidiary_chains() -> None:
    graph = stakes([held("A", "X", None), held("B", "A", None, edge="BRANCH_OF")], DAY)
    found = affiliation(graph, {"X": "listed"}, "B")
    assert found is not None and found[0] == "covered" and len(found[1]) == 2
    stake = stakes([held("A", "X", "10", edge="OWNED_BY")], DAY)
    found = affiliation(stake, {"X": "listed"}, "A")
    assert found is not None and found[0] == "undetermined"
    assert affiliation(stake, {"Y": "listed"}, "A") is None


AFFILIATES_RULE = {
    "id": "rule:test-affiliates-50",
    "versions": [
        {
            "status": "in_force",
            "from": "2025-09-29",
            "until": "2025-11-10",
            "citation": "90 FR 47201",
        },
        {
            "status": "suspended",
            "from": "2025-11-10",
            "until": "2026-11-10",
            "citation": "FR Doc. 2025-19846",
        },
    ],
}


def test_rule_versions_decide_the_day() -> None:
    assert rule_on(AFFILIATES_RULE, "2025-01-01").status == "not_yet_in_force"
    assert rule_on(AFFILIATES_RULE, "2025-10-15").status == "in_force"
    assert rule_on(AFFILIATES_RULE, "2026-01-15").status == "suspended"
    assert rule_on(AFFILIATES_RULE, "2026-11-09").status == "suspended"
    after = rule_on(AFFILIATES_RULE, "2026-12-04")
    assert after.status == "not_recorded" and after.version is not None
    assert after.version.status == "suspended" and "2026-11-09" in after.reason
    assert rule_on({**AFFILIATES_RULE, "until": "2026-01-01"}, "2026-02-01").status == "expired"


def test_rules_stored_before_versions_still_read() -> None:
    old = {
        "status": "suspended",
        "from": "2025-09-29",
        "suspended_from": "2025-11-10",
        "suspended_until": "2026-11-09",
    }
    assert [rule_on(old, d).status for d in ("2025-10-15", "2026-01-01", "2026-11-25")] == [
        "in_force",
        "suspended",
        "not_recorded",
    ]
    assert rule_on({"status": "in_force", "from": "2021-03-12"}, "2024-01-01").status == "in_force"


def test_the_chain_and_sources_do_not_depend_on_the_order_the_read_returned() -> None:
    """Two equally short chains up to two listed parents, and a stake two sources state: the
    database returns edges in its plan's order, which changes as its statistics do; the
    answer (the chain shown, the sources listed) must not."""
    graph = [
        held("S", "P2", None),
        held("S", "P1", None),
        held("P1", "X", None),
        held("P2", "Y", None),
        Holding("S", "P1", "OWNED_BY", parse_share("60"), fact_id="b", source_ids=("src:b",)),
        Holding("S", "P1", "OWNED_BY", parse_share("60"), fact_id="a", source_ids=("src:a",)),
    ]
    seeds: Mapping[str, SeedStatus] = {"X": "listed", "Y": "listed"}
    answers = set()
    for shift in range(len(graph)):
        order = graph[shift:] + graph[:shift]
        for holdings in (order, order[::-1]):
            found = affiliation(stakes(holdings, DAY), seeds, "S")
            assert found is not None
            chain = tuple((s.owned, s.owner, tuple(s.source_ids)) for s in found[1])
            answers.add(chain)
    assert answers == {(("S", "P1", ("src:a", "src:b")), ("P1", "X", ()))}
