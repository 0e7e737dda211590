"""Rule evaluation never overclaims: unknown shares and lapsed suspensions stay undetermined."""

from __future__ import annotations

from graph.coverage import effective_share, evaluate, rule_status

BIS = {
    "id": "rule:test-50",
    "name": "50 percent rule",
    "kind": "ownership_threshold",
    "threshold_share": 50,
    "status": "suspended",
    "from": "2025-09-29",
    "suspended_from": "2025-11-10",
    "suspended_until": "2026-11-09",
    "source_ids": ["source:x"],
}
AFFILIATES = {
    "id": "rule:test-affiliates",
    "name": "subsidiaries and affiliates",
    "kind": "subsidiaries_and_affiliates",
    "status": "in_force",
    "from": "2021-03-12",
    "source_ids": ["source:y"],
}


def test_status_follows_the_dates() -> None:
    assert rule_status(BIS, "2025-01-01").status == "not_yet_in_force"
    assert rule_status(BIS, "2025-10-15").status == "in_force"
    assert rule_status(BIS, "2026-01-01").status == "suspended"
    assert rule_status(BIS, "2026-11-09").status == "suspended"
    assert rule_status(BIS, "2026-11-25").status == "uncertain"
    assert rule_status({**BIS, "until": "2025-10-01"}, "2025-10-02").status == "expired"


def test_shares_multiply_down_the_chain_and_unknown_stays_unknown() -> None:
    assert effective_share([100.0, 60.0]) == 60.0
    assert effective_share([80.0, 50.0]) == 40.0
    assert effective_share([100.0, None]) is None
    assert effective_share([]) == 100.0


def test_threshold_rule_outcomes() -> None:
    in_force_day = "2025-10-15"
    assert evaluate(BIS, [60.0], in_force_day).outcome == "covered"
    below = evaluate(BIS, [80.0, 50.0], in_force_day)
    assert below.outcome == "not_covered" and "40.0%" in below.reason and "50" in below.reason
    unknown = evaluate(BIS, [None], in_force_day)
    assert unknown.outcome == "undetermined" and "not recorded" in unknown.reason
    assert evaluate(BIS, [100.0], "2026-01-01").outcome == "not_covered"
    assert evaluate(BIS, [100.0], "2026-11-25").outcome == "undetermined"


def test_affiliate_rule_covers_subsidiaries_without_claiming_a_share() -> None:
    result = evaluate(AFFILIATES, [None], "2024-01-01")
    assert result.outcome == "covered"
    assert result.effective_share is None and "not recorded" in result.reason
    assert evaluate(AFFILIATES, [None], "2020-01-01").outcome == "not_covered"
