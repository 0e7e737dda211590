"""Derived coverage: what each scope rule of a listed owner's list concludes for an entity.

Computed at query time from the `api/exposure_derived` rows (graph/coverage.py decides a rule
on the ownership shares) and never written or counted as a listing. An owner whose own
designation that day rests only on vaguely dated claims is no sure basis, so "covered"
through it is reported as "undetermined".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from api import convert as c
from api import models as m
from graph import coverage

Row = Mapping[str, Any]


def cited(paths: Iterable[Row]) -> list[str]:
    """Source ids the derived rows cite (edges, rules, owners' claims and list snapshots)."""
    out: list[str] = []
    for p in paths:
        out += [s for e in p["edges"] for s in c.ids(e["props"].get("source_ids"))]
        out += [s for r in p["rules"] for s in c.ids(r.get("source_ids"))]
        for d in p["designations"]:
            out += c.ids(d["props"].get("source_ids"))
            out += [v for v in [d["list"].get("snapshot_source_id")] if v]
    return out


def coverages(row: Row, book: c.SourceBook, day: str) -> list[m.DerivedCoverage]:
    """One conclusion per scope rule of the owner's list, for one ownership path."""
    owners = c.designations(row["designations"], book, day)
    if not owners:
        return []
    shares = [c.share(x) for x in row["shares"]]
    return [_coverage(row, rule, owners[0], shares, book, day) for rule in row["rules"]]


def _coverage(
    row: Row,
    rule: Row,
    owner: m.Designation,
    shares: list[float | None],
    book: c.SourceBook,
    day: str,
) -> m.DerivedCoverage:
    result = coverage.evaluate(rule, shares, day)
    outcome, reason = result.outcome, result.reason
    if not owner.in_force and outcome == "covered":
        outcome = "undetermined"
        reason = (
            f"{reason}; but {row['owner_id']}'s own designation on {day} rests only on "
            f"imprecisely dated claims ({owner.reason})"
        )
    through = {"id": row["owner_id"], "name": row["owner_name"], "labels": row["owner_labels"]}
    return m.DerivedCoverage(
        list_ref=c.list_ref(row["list_id"], row["list_name"]),
        rule=c.rule(rule, book, day),
        outcome=outcome,
        reason=f"{reason} (derived through {row['owner_id']}; not a listing)",
        through=c.entity_ref(through),
        owner_designation=owner,
        path=[c.edge(e, book) for e in row["edges"]],
        shares=[c.share_text(x) for x in shares],
        path_shares=shares,
        effective_share=result.effective_share,
        effective_share_text=c.share_text(result.effective_share),
        threshold_share=result.threshold_share,
    )


def summary(day: str, direct: Sequence[m.Designation], derived: Sequence[m.DerivedCoverage]) -> str:
    named = ", ".join(d.list_ref.id for d in direct)
    parts = [f"On {day}: named on {len(direct)} list(s)" + (f" ({named})" if named else "") + "."]
    if not derived:
        return " ".join([*parts, "No scope rule of a listed owner's list reaches it."])
    by: dict[str, list[str]] = {"covered": [], "undetermined": [], "not_covered": []}
    for d in derived:
        by[d.outcome].append(f"{d.rule.id} via {d.through.id}")
    outcomes = "; ".join(f"{k.replace('_', ' ')}: {', '.join(v) or 'none'}" for k, v in by.items())
    parts.append(f"Derived through owners' listings (not listings): {outcomes}.")
    return " ".join(parts)
