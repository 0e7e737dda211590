"""Derived coverage: what each scope rule concludes for an entity through its owners.

Computed at query time from one bounded read of the ownership and control edges around the
entity (`api/exposure_derived`, `api/subsidiaries_reach`) by graph/coverage.py, and never
written or counted as a listing. Who a rule starts from is decided by the status rule
(api/status.py): a party whose designation is in force that day is listed; one whose
designation only vaguely dated claims reach may be (so it can make an answer undetermined,
never covered); a withdrawn, ended, removed or suspended designation starts nothing.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from api import convert as c
from api import models as m
from graph import coverage
from graph.coverage import Aggregate, Reach, RuleOnDay, SeedStatus, Stake
from graph.shares import Share, share_of

Row = Mapping[str, Any]
_STOPPED = {"suspended": "suspended", "not_yet_in_force": "not yet in force", "expired": "expired"}


def cited(row: Row) -> list[str]:
    """Source ids a derived read cites (edges, claims, list snapshots, rules, versions)."""
    out = [s for e in row["edges"] for s in c.ids(e["props"].get("source_ids"))]
    for claim in row["claims"]:
        out += c.ids(claim["props"].get("source_ids"))
        out += [v for v in [claim["list"].get("snapshot_source_id")] if v]
    for rule in _rules(row):
        out += c.ids(rule.get("source_ids"))
        out += [s for v in rule.get("versions") or [] for s in c.ids(v.get("source_ids"))]
    return out


def _rules(row: Row) -> list[Row]:
    return list(row.get("rules") or ([row["rule"]] if row.get("rule") else []))


@dataclass
class Around:
    """The stakes and designations a derived read returned, ready for the rules."""

    stakes: list[Stake]
    edges: dict[str, Row]
    designations: dict[str, list[m.Designation]]
    names: dict[str, Row]
    book: c.SourceBook
    day: str
    into: dict[str, list[Stake]] = field(default_factory=dict)  # stakes by the entity held
    rules: dict[str, m.Rule] = field(default_factory=dict)  # each rule's answer model, once

    def __post_init__(self) -> None:
        for s in self.stakes:
            self.into.setdefault(s.owned, []).append(s)

    def rule(self, rule: Row) -> m.Rule:
        key = str(rule["id"])
        if key not in self.rules:
            self.rules[key] = c.rule(rule, self.book, self.day)
        return self.rules[key]

    def seeds(self, rule: Row, exclude: Iterable[str] = ()) -> dict[str, SeedStatus]:
        """Who the rule starts from: parties designated on its lists that day."""
        lists = set(_lists(rule))
        skip = set(exclude)
        out: dict[str, SeedStatus] = {}
        for entity, designations in self.designations.items():
            for d in designations:
                if entity in skip or d.list_ref.id not in lists:
                    continue
                if d.status == "in_force":
                    out[entity] = "listed"
                elif d.status == "possibly_in_force":
                    out.setdefault(entity, "possibly_listed")
        return out

    def ref(self, entity: str) -> m.EntityRef:
        return c.entity_ref(self.names.get(entity) or {"id": entity})


def around(row: Row, book: c.SourceBook, day: str) -> Around:
    holdings, edges = [], {}
    for e in row["edges"]:
        props = e["props"]
        fid = str(props.get("fact_id") or f"{e['type']}|{e['start']}|{e['end']}")
        edges[fid] = e
        holdings.append(_holding(e, fid))
    claims: dict[str, list[Row]] = defaultdict(list)
    for claim in row["claims"]:
        claims[str(claim["entity"])].append(claim)
    designations = {e: c.designations(rows, book, day) for e, rows in claims.items()}
    names = {str(n["id"]): n for n in row.get("nodes") or [] if n}
    return Around(coverage.stakes(holdings, day), edges, designations, names, book, day)


def _holding(e: Row, fid: str) -> coverage.Holding:
    props = e["props"]
    return coverage.Holding(
        owned=str(e["start"]),
        owner=str(e["end"]),
        edge_type=str(e["type"]),
        share=share_of(props),
        share_as_of=c.text(props.get("share_as_of")),
        share_as_of_precision=c.text(props.get("share_as_of_precision")),
        fact_id=fid,
        source_ids=tuple(c.ids(props.get("source_ids"))),
        basis=c.text(props.get("basis")) or c.text(props.get("note")),
    )


def _lists(rule: Row) -> list[str]:
    return c.ids(rule.get("lists")) or [x for x in [c.text(rule.get("list"))] if x]


def coverages(row: Row, book: c.SourceBook, day: str) -> list[m.DerivedCoverage]:
    """One conclusion per scope rule whose lists name a party up the entity's chains."""
    data = around(row, book, day)
    target = str(row["entity"]["id"])
    out = []
    for rule in _rules(row):
        seeds = data.seeds(rule, exclude=[target])
        if seeds:
            found = conclude(data, rule, seeds, target)
            out += [found] if found is not None else []
    return out


def conclude(
    data: Around,
    rule: Row,
    seeds: Mapping[str, SeedStatus],
    target: str,
    result: Reach | None = None,
) -> m.DerivedCoverage | None:
    """What `rule` concludes for `target` (None: no listed party is up its chains)."""
    on_day = coverage.rule_on(rule, data.day)
    if str(rule.get("kind")) == "ownership_threshold" and rule.get("threshold_share") is not None:
        threshold = float(rule["threshold_share"])
        result = result or coverage.reach(data.stakes, seeds, threshold)
        agg = coverage.aggregate(result, target, threshold)
        if not agg.contributions and agg.outcome == "not_covered":
            return None
        outcome, reason = _on_day(agg.outcome, agg.reason, on_day)
        return _answer(data, rule, on_day, outcome, reason, agg.witness, agg, threshold)
    found = coverage.affiliation(data.stakes, seeds, target)
    if found is None:
        return None
    outcome, reason = _on_day(found[0], found[2], on_day)
    return _answer(data, rule, on_day, outcome, reason, found[1], None, None)


def reaches(
    data: Around, rule: Row, seeds: Mapping[str, SeedStatus], target: str, result: Reach | None
) -> bool:
    """Whether `conclude` would say covered or undetermined, without building the answer (a
    group's members are counted this way; only a page's answers are built)."""
    on_day = coverage.rule_on(rule, data.day)
    if on_day.status in _STOPPED:
        return False
    if result is not None:
        return result.outcome(target) != "not_covered"
    found = coverage.affiliation(data.stakes, seeds, target)
    return found is not None and found[0] != "not_covered"


def _on_day(outcome: str, reason: str, on_day: RuleOnDay) -> tuple[str, str]:
    """The ownership's answer, as far as the rule's status that day lets it stand."""
    if on_day.status in _STOPPED:
        alone = f"(on the ownership alone: {outcome}: {reason})"
        why = on_day.reason
        if not why.startswith("the rule is"):
            why = f"the rule is {_STOPPED[on_day.status]}: {why}"
        return "not_covered", f"{why} {alone}"
    if on_day.status == "not_recorded" and outcome != "not_covered":
        return "undetermined", f"{on_day.reason} (on the ownership alone: {outcome}: {reason})"
    return outcome, reason


def _answer(
    data: Around,
    rule: Row,
    on_day: RuleOnDay,
    outcome: str,
    reason: str,
    witness: Sequence[Stake],
    agg: Aggregate | None,
    threshold: float | None,
) -> m.DerivedCoverage:
    listed = witness[-1].owner if witness else None
    owner = _designation(data, listed, rule) if listed else None
    path = [edge_of(data, s) for s in witness]
    return m.DerivedCoverage(
        list_ref=owner.list_ref if owner else c.list_ref(_lists(rule)[0]),
        rule=data.rule(rule),
        rule_version=c.rule_version(on_day.version, data.book) if on_day.version else None,
        outcome=outcome,  # type: ignore[arg-type]
        reason=f"{reason} (derived; not a listing)",
        aggregate_share=c.interval(agg.sum_share) if agg else None,
        threshold_share=threshold,
        contributions=[_contribution(data, x) for x in agg.contributions] if agg else [],
        through=data.ref(listed) if listed else None,
        owner_designation=owner,
        path=path,
        shares=[s.share.stated or s.share.words() for s in witness],
    )


def _designation(data: Around, entity: str, rule: Row) -> m.Designation | None:
    lists = set(_lists(rule))
    found = [d for d in data.designations.get(entity, []) if d.list_ref.id in lists]
    return next((d for d in found if d.in_force), found[0] if found else None)


def edge_of(data: Around, s: Stake) -> m.Edge:
    claim = s.used[0] if s.used else s.claims[0]
    return c.edge(data.edges[str(claim.fact_id)], data.book)


def _contribution(data: Around, x: coverage.Contribution) -> m.Contribution:
    s = x.stake
    adds = Share(x.adds_min, x.adds_max, kind="range") if x.adds_max >= x.adds_min else s.counted
    return m.Contribution(
        owner=data.ref(s.owner),
        relation=s.relation,  # type: ignore[arg-type]
        owner_state=x.owner_state,
        share=c.interval(s.share),
        adds=c.interval(adds),
        claims=[c.edge(data.edges[str(h.fact_id)], data.book) for h in s.claims],
        used=[str(h.fact_id) for h in s.used],
        path=[edge_of(data, p) for p in x.path],
    )


def path_up(into: Mapping[str, Sequence[Stake]], start: str, root: str) -> list[Stake]:
    """The shortest chain of stakes (by the entity held: `Around.into`) from `start` up to
    `root` (empty when none)."""
    back: dict[str, Stake | None] = {start: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if current == root:
            chain: list[Stake] = []
            while (step := back[current]) is not None:
                chain.append(step)
                current = step.owned
            return list(reversed(chain))
        for s in into.get(current, ()):
            if s.owner not in back:
                back[s.owner] = s
                queue.append(s.owner)
    return []


def summary(day: str, direct: Sequence[m.Designation], derived: Sequence[m.DerivedCoverage]) -> str:
    named = ", ".join(d.list_ref.id for d in direct)
    parts = [f"On {day}: named on {len(direct)} list(s)" + (f" ({named})" if named else "") + "."]
    if not derived:
        return " ".join([*parts, "No scope rule of a listed owner's list reaches it."])
    by: dict[str, list[str]] = {"covered": [], "undetermined": [], "not_covered": []}
    for d in derived:
        by[d.outcome].append(d.rule.id + (f" via {d.through.id}" if d.through else ""))
    outcomes = "; ".join(f"{k.replace('_', ' ')}: {', '.join(v) or 'none'}" for k, v in by.items())
    parts.append(f"Derived through owners' listings (not listings): {outcomes}.")
    return " ".join(parts)
