"""Derived coverage: when a list's own rule reaches an entity the list does not name.

Some lists reach beyond the names they print: the FCC Covered List and NDAA §889 cover
"any subsidiary or affiliate" of the named companies; the BIS affiliates rule covers entities
at least 50 % owned by listed ones. Journalists need that said, and said as *derived*, never
as a listing: this module decides, for one ownership path from an entity up to a listed owner,
what each rule of that list concludes on a given day, and why. Nothing here is written to the
graph; it is computed at query time from the rules stored as data (`data/rules.yaml`).

Outcomes are deliberately three-valued. `covered` only when the rule is in force on the day and
its condition is met on recorded facts; `not_covered` when the rule is not in force or a known
share is below its threshold; `undetermined` when the facts needed (a share, the rule's status
after its last dated event) are not recorded. An unknown share is never rounded up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Outcome = Literal["covered", "not_covered", "undetermined"]


@dataclass(frozen=True)
class RuleStatus:
    status: Literal["in_force", "suspended", "not_yet_in_force", "expired", "uncertain"]
    reason: str


@dataclass(frozen=True)
class DerivedCoverage:
    rule_id: str
    rule_name: str
    rule_kind: str
    citation: str | None
    rule_source_ids: list[str]
    rule_status: str
    outcome: Outcome
    reason: str
    effective_share: float | None
    threshold_share: float | None
    path_shares: list[float | None] = field(default_factory=list)


def rule_status(rule: Mapping[str, Any], as_of: str) -> RuleStatus:
    """A rule's status on a day, from its dated fields (ISO strings compare as dates).

    After the last dated event we know of, the recorded `status` is only trusted if it is
    `in_force`: a suspension that has run out without a recorded reimposition is `uncertain`.
    """
    start, until = rule.get("from"), rule.get("until")
    if start and as_of < start:
        return RuleStatus("not_yet_in_force", f"the rule applies from {start}")
    if until and as_of >= until:
        return RuleStatus("expired", f"the rule ended on {until}")
    s_from, s_until = rule.get("suspended_from"), rule.get("suspended_until")
    if s_from and as_of >= s_from and (not s_until or as_of <= s_until):
        window = f"from {s_from}" + (f" through {s_until}" if s_until else "")
        return RuleStatus("suspended", f"the rule is suspended {window}")
    recorded = rule.get("status") or "in_force"
    if s_until and as_of > s_until and recorded != "in_force":
        return RuleStatus(
            "uncertain",
            f"the recorded suspension ran through {s_until}; no source in the graph says "
            "whether the rule was reimposed or the suspension extended",
        )
    if recorded == "in_force" or (s_from and as_of < s_from):
        return RuleStatus("in_force", "in force on this day per its recorded dates")
    return RuleStatus(
        "suspended" if recorded == "suspended" else "uncertain",
        f"recorded status: {recorded}",
    )


def effective_share(shares: Sequence[float | None]) -> float | None:
    """Indirect ownership multiplies down the chain; one unknown link makes it unknown."""
    total = 100.0
    for share in shares:
        if share is None:
            return None
        total = total * float(share) / 100.0
    return round(total, 4)


def evaluate(
    rule: Mapping[str, Any], path_shares: Sequence[float | None], as_of: str
) -> DerivedCoverage:
    """What one rule concludes for one ownership path (entity up to the listed owner)."""
    status = rule_status(rule, as_of)
    share = effective_share(path_shares)
    threshold = rule.get("threshold_share")
    kind = str(rule.get("kind") or "")
    base: dict[str, Any] = {
        "rule_id": str(rule.get("id")),
        "rule_name": str(rule.get("name") or rule.get("id")),
        "rule_kind": kind,
        "citation": rule.get("citation"),
        "rule_source_ids": list(rule.get("source_ids") or []),
        "rule_status": status.status,
        "effective_share": share,
        "threshold_share": float(threshold) if threshold is not None else None,
        "path_shares": list(path_shares),
    }
    if status.status in {"not_yet_in_force", "expired", "suspended"}:
        return DerivedCoverage(**base, outcome="not_covered", reason=status.reason)
    if status.status == "uncertain":
        return DerivedCoverage(**base, outcome="undetermined", reason=status.reason)
    if kind == "ownership_threshold":
        if threshold is None:
            return DerivedCoverage(
                **base, outcome="undetermined", reason="the rule records no threshold"
            )
        if share is None:
            return DerivedCoverage(
                **base,
                outcome="undetermined",
                reason=f"the ownership share is not recorded for every link of the path; "
                f"the rule needs at least {threshold}%",
            )
        if share >= float(threshold):
            return DerivedCoverage(
                **base,
                outcome="covered",
                reason=f"owned {share}% (at least {threshold}%) by a listed entity",
            )
        return DerivedCoverage(
            **base,
            outcome="not_covered",
            reason=f"owned {share}%, below the rule's {threshold}% threshold",
        )
    if kind == "subsidiaries_and_affiliates":
        share_text = f"owned {share}%" if share is not None else "ownership share not recorded"
        return DerivedCoverage(
            **base,
            outcome="covered",
            reason=f"a subsidiary or branch of a named entity ({share_text}); the rule "
            "reaches subsidiaries and affiliates",
        )
    return DerivedCoverage(
        **base, outcome="undetermined", reason=f"rule kind {kind!r} is not evaluated"
    )
