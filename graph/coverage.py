"""Derived coverage: when a list's own rule reaches an entity the list does not name.

Some lists reach beyond the names they print: the FCC Covered List and NDAA §889 cover "any
subsidiary or affiliate" of the named companies; OFAC's 50 Percent Rule (revised guidance of
13 August 2014, FAQ 401) and the BIS Affiliates Rule (90 FR 47201) cover every entity owned
50 % or more, directly or indirectly, individually or in the aggregate, by listed parties.
Journalists need that said, and said as *derived*, never as a listing. This module decides it
from the ownership edges around an entity (fetched by one bounded read) and the rules stored
as data (`data/rules.yaml`); it does no I/O and nothing here is written to the graph.

The aggregate rule, as FAQ 401 states it, is computed by fixed point over share intervals
(`graph.shares`):

* a party on the rule's lists (in force that day) is covered;
* an entity is covered when the shares held in it by covered parties add up to the threshold
  by their lower bounds; a covered entity counts whole for what *it* owns (FAQ 401 example 1:
  50 % of 50 % is covered: stakes are not multiplied down a chain), and several covered owners'
  shares add up (examples 2 and 3);
* control adds nothing unless a share is stated (FAQ 398); a branch is part of its company;
* it is not covered when even the upper bounds of every holder that could be covered stay
  below the threshold; otherwise it is undetermined, naming the stakes of unknown size.

Both sets are least fixed points (a cycle of cross-holdings with no listed party in it covers
nobody, and the iteration always ends). Outcomes are three-valued because the data are
intervals: `covered` is what every reading of the recorded facts gives, `not_covered` what none
can turn into coverage. Only recorded stakes count: an owner the graph does not know of is
not imagined.

Claims about one (owned, owner) pair are one stake, not several: the figure dated latest (by
`share_as_of`, on or before the day) is used, two sources' different figures for that date
span their hull, and a claim without a figure says only that a stake exists.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from graph.model import SUBSIDIARY_TYPES, relation_of
from graph.shares import NOT_STATED, WHOLE, Share

Outcome = Literal["covered", "not_covered", "undetermined"]
SeedStatus = Literal["listed", "possibly_listed"]
State = Literal["listed", "possibly_listed", "covered", "undetermined", "not_covered"]
VersionStatus = Literal["in_force", "suspended", "not_recorded"]
DayStatus = Literal["in_force", "suspended", "not_recorded", "not_yet_in_force", "expired"]
NOTHING = Share(0.0, 0.0, kind="not_stated")  # what control without a stated share adds
_PRECISION_ORDER = {"before": 0, "after": 2}


# -- stakes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """One claim (one edge) that `owner` holds a stake in `owned`."""

    owned: str
    owner: str
    edge_type: str
    share: Share = NOT_STATED
    share_as_of: str | None = None
    share_as_of_precision: str | None = None
    fact_id: str | None = None
    source_ids: tuple[str, ...] = ()
    basis: str | None = None

    def dated_key(self) -> tuple[str, int]:
        return (self.share_as_of or "", _PRECISION_ORDER.get(self.share_as_of_precision or "", 1))


@dataclass(frozen=True)
class Stake:
    """What the graph says `owner` holds in `owned` on the day: its claims combined (`used`:
    the claims the share comes from; the others are older or give no figure)."""

    owned: str
    owner: str
    relation: str
    share: Share
    claims: tuple[Holding, ...]
    used: tuple[Holding, ...]

    @property
    def counted(self) -> Share:
        """What the stake adds to an aggregate: its share; a branch whole; control nothing
        unless a share is stated (OFAC FAQ 398)."""
        if self.relation == "branch":
            return WHOLE
        if self.relation == "control" and not self.share.known:
            return NOTHING
        return self.share

    @property
    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(s for h in self.claims for s in h.source_ids))


def stakes(holdings: Iterable[Holding], day: str) -> list[Stake]:
    """One stake per (owned, owner), its claims combined for `day`: ownership when any claim
    is (SUBSIDIARY_OF and OWNED_BY claims describe one stake), else a branch, else control.

    In (owned, owner) order, each stake's claims in fact id order, whatever order the read
    returned them in (a query plan's order changes as the store's statistics do): a chain
    picked among equally short ones, and the sources an answer lists, must not change
    between two asks of the same data."""
    groups: dict[tuple[str, str], list[Holding]] = defaultdict(list)
    for h in sorted(holdings, key=lambda h: (h.fact_id or "", h.edge_type, h.owned, h.owner)):
        if relation_of(h.edge_type) is not None and h.owned != h.owner:
            groups[(h.owned, h.owner)].append(h)
    out = []
    for (owned, owner), claims in sorted(groups.items()):
        relations = {relation_of(h.edge_type) for h in claims}
        relation = next(r for r in ("ownership", "branch", "control") if r in relations)
        used = _used(claims, day)
        share = hull([h.share for h in used])
        out.append(Stake(owned, owner, relation, share, tuple(claims), used))
    return out


def _used(claims: Sequence[Holding], day: str) -> tuple[Holding, ...]:
    stated = [h for h in claims if h.share.known]
    dated = [h for h in stated if h.share_as_of and h.share_as_of <= day]
    if dated:
        latest = max(h.dated_key() for h in dated)
        return tuple(h for h in dated if h.dated_key() == latest)
    undated = [h for h in stated if not h.share_as_of]
    return tuple(undated or [h for h in claims if not h.share.known] or claims)


def hull(shares: Sequence[Share]) -> Share:
    """The smallest interval holding every share: what sources that disagree allow together."""
    if not shares:
        return NOT_STATED
    if len(shares) == 1:
        return shares[0]
    low = min(s.min for s in shares)
    high = max(s.max for s in shares)
    words = list(dict.fromkeys(s.stated for s in shares if s.stated))
    kinds = {s.kind for s in shares}
    return Share(
        low,
        high,
        all(s.min_exclusive for s in shares if s.min == low),
        all(s.max_exclusive for s in shares if s.max == high),
        "; ".join(words) or None,
        kinds.pop() if len(kinds) == 1 else "range",
    )


# -- the fixed point ---------------------------------------------------------------------------


@dataclass
class Reach:
    """Who a rule covers in a set of stakes: `covered` (sure) and `possible` (some reading of
    the intervals and of vaguely dated listings covers them), each with the round it entered
    (a witness chain always steps to an earlier round, so it ends)."""

    seeds: Mapping[str, SeedStatus]
    covered: dict[str, int] = field(default_factory=dict)
    possible: dict[str, int] = field(default_factory=dict)
    into: dict[str, list[Stake]] = field(default_factory=dict)

    def outcome(self, entity: str) -> Outcome:
        if entity in self.covered:
            return "covered"
        return "undetermined" if entity in self.possible else "not_covered"

    def state(self, entity: str) -> State:
        if entity in self.seeds:
            return self.seeds[entity]
        if entity in self.covered:
            return "covered"
        return "undetermined" if entity in self.possible else "not_covered"


def reach(all_stakes: Sequence[Stake], seeds: Mapping[str, SeedStatus], threshold: float) -> Reach:
    """Least fixed points of "covered" (lower bounds) and "possibly covered" (upper bounds)."""
    into: dict[str, list[Stake]] = defaultdict(list)
    out_of: dict[str, list[Stake]] = defaultdict(list)
    for s in all_stakes:
        into[s.owned].append(s)
        out_of[s.owner].append(s)
    result = Reach(seeds, into=dict(into))
    sure = [e for e, status in seeds.items() if status == "listed"]
    result.covered = _grow(sure, out_of, threshold, upper=False)
    result.possible = _grow(list(seeds), out_of, threshold, upper=True)
    return result


def _grow(
    start: Sequence[str], out_of: Mapping[str, list[Stake]], threshold: float, upper: bool
) -> dict[str, int]:
    """Breadth-first: an entity enters when the stakes of those already in reach the
    threshold (by lower bounds, or by upper bounds for `upper`)."""
    limit = Decimal(str(threshold))
    rank = dict.fromkeys(start, 0)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    open_top: dict[str, int] = defaultdict(int)  # exclusive upper bounds among the summed
    queue = deque(start)
    while queue:
        owner = queue.popleft()
        for s in out_of.get(owner, ()):
            if s.owned in rank:
                continue
            share = s.counted
            sums[s.owned] += Decimal(str(share.max if upper else share.min))
            open_top[s.owned] += upper and share.max_exclusive
            total = sums[s.owned]
            if total > limit or (total == limit and not open_top[s.owned]):
                rank[s.owned] = rank[owner] + 1
                queue.append(s.owned)
    return rank


# -- one entity's answer -----------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    """One stake held in the entity: its owner's state, what it adds to the lower and upper
    sums, and a witness chain up to a listed party (empty when the owner cannot be covered)."""

    stake: Stake
    owner_state: State
    adds_min: float
    adds_max: float
    path: tuple[Stake, ...]


@dataclass(frozen=True)
class Aggregate:
    """What the stakes held in one entity by parties a rule covers add up to."""

    entity: str
    outcome: Outcome
    low: float
    high: float
    low_exclusive: bool
    high_exclusive: bool
    contributions: tuple[Contribution, ...]
    reason: str
    witness: tuple[Stake, ...] = ()

    @property
    def sum_share(self) -> Share:
        return Share(
            min(self.low, 100.0),
            min(self.high, 100.0),
            self.low_exclusive and self.low < self.high,
            self.high_exclusive and self.low < self.high,
            kind="range",
        )


def aggregate(result: Reach, entity: str, threshold: float) -> Aggregate:
    """The 50 % (or `threshold`) answer for one entity, with every stake held in it."""
    contributions = tuple(
        sorted(
            (_contribution(result, s) for s in result.into.get(entity, ())),
            key=lambda c: (-c.adds_max, -c.adds_min, c.stake.owner),
        )
    )
    low = sum(Decimal(str(c.adds_min)) for c in contributions)
    high = sum(Decimal(str(c.adds_max)) for c in contributions)
    counted = [c for c in contributions if c.adds_max > 0]
    sure = [c for c in counted if c.owner_state in ("listed", "covered")]
    low_excl = any(c.stake.counted.min_exclusive for c in sure)
    high_excl = any(c.stake.counted.max_exclusive for c in counted)
    outcome = result.outcome(entity)
    witness = _witness(result, entity, covered=outcome == "covered")
    reason = _reason(outcome, contributions, float(low), float(high), threshold)
    return Aggregate(
        entity,
        outcome,
        float(low),
        float(high),
        low_excl,
        high_excl,
        contributions,
        reason,
        witness,
    )


def _contribution(result: Reach, s: Stake) -> Contribution:
    state = result.state(s.owner)
    share = s.counted
    sure = state in ("listed", "covered")
    maybe = sure or state in ("possibly_listed", "undetermined")
    path = (s, *_witness(result, s.owner, covered=sure)) if maybe else ()
    return Contribution(s, state, share.min if sure else 0.0, share.max if maybe else 0.0, path)


def _witness(result: Reach, entity: str, covered: bool) -> tuple[Stake, ...]:
    """A chain of stakes from `entity` up to a listed party, each step to an owner that
    entered the fixed point in an earlier round."""
    ranks = result.covered if covered else result.possible
    chain: list[Stake] = []
    current = entity
    while ranks.get(current, 0) > 0:
        steps = [s for s in result.into.get(current, ()) if ranks.get(s.owner, -1) >= 0]
        steps = [s for s in steps if ranks[s.owner] < ranks[current]]
        if not steps:
            break
        best = min(steps, key=lambda s: (ranks[s.owner], -s.counted.max, s.owner))
        chain.append(best)
        current = best.owner
    return tuple(chain)


def _reason(
    outcome: Outcome,
    contributions: Sequence[Contribution],
    low: float,
    high: float,
    threshold: float,
) -> str:
    t = f"{threshold:g}%"
    held = [c for c in contributions if c.adds_max > 0]
    parts = "; ".join(_said(c) for c in held) or "no stake held by a party the rule covers"
    total = _span(low, high)
    if outcome == "covered":
        return f"owned {total} in the aggregate by parties the rule covers (at least {t}): {parts}"
    control = [c.stake.owner for c in contributions if c.stake.relation == "control"]
    control = [o for o in control if o not in {c.stake.owner for c in held}]
    note = (
        f"; control without a stated share adds nothing (OFAC FAQ 398): {', '.join(control)}"
        if control
        else ""
    )
    could = f"the stakes held by parties the rule could cover add up to {total}"
    if outcome == "not_covered":
        return f"{could}, below {t}: {parts}{note}"
    named = "; ".join(_unknown(c) for c in held if c.adds_min < c.adds_max)
    return f"{could}: {t} is reached on some readings of the data and not on others ({named}){note}"


def _said(c: Contribution) -> str:
    words = c.stake.share.stated or c.stake.share.words()
    how = {"branch": "a branch of", "control": "controlled by"}.get(c.stake.relation, "held by")
    return f"{c.stake.counted.words()} ({words}) {how} {c.stake.owner} ({c.owner_state})"


def _unknown(c: Contribution) -> str:
    if c.owner_state in ("possibly_listed", "undetermined"):
        return f"whether {c.stake.owner} is covered ({c.owner_state})"
    return f"the size of {c.stake.owner}'s stake ({c.stake.counted.words()})"


def _span(low: float, high: float) -> str:
    low, high = min(low, 100.0), min(high, 100.0)
    return f"{low:g}%" if low == high else f"{low:g}% to {high:g}%"


# -- "subsidiaries and affiliates" rules -------------------------------------------------------


def affiliation(
    all_stakes: Sequence[Stake], seeds: Mapping[str, SeedStatus], entity: str
) -> tuple[Outcome, tuple[Stake, ...], str] | None:
    """A rule that reaches "any subsidiary or affiliate" of the listed: covered through a chain
    of edges a source calls subsidiary or branch up to a listed party; undetermined when the
    chain needs a stake, control or a vaguely dated listing (whether a stake or control makes
    an affiliate under the rule is not recorded); None when no listed party is up the chain."""
    into: dict[str, list[Stake]] = defaultdict(list)
    for s in all_stakes:
        into[s.owned].append(s)
    sure = _chain(into, entity, _subsidiary, seeds, True)
    if sure:
        why = (
            "a subsidiary or branch of a listed party; the rule reaches subsidiaries and affiliates"
        )
        return "covered", sure, why
    maybe = _chain(into, entity, lambda s: True, seeds, False)
    if maybe:
        why = (
            "linked to a party on the list only through a stake, control or a vaguely dated "
            "listing; whether that makes a subsidiary or affiliate under the rule is not recorded"
        )
        return "undetermined", maybe, why
    return None


def _subsidiary(s: Stake) -> bool:
    return any(h.edge_type in SUBSIDIARY_TYPES for h in s.claims)


def _chain(
    into: Mapping[str, list[Stake]],
    entity: str,
    follow: Callable[[Stake], bool],
    seeds: Mapping[str, SeedStatus],
    sure: bool,
) -> tuple[Stake, ...]:
    """The shortest chain of followed stakes from `entity` up to a (surely) listed party."""
    back: dict[str, Stake | None] = {entity: None}
    queue = deque([entity])
    while queue:
        current = queue.popleft()
        if current != entity and current in seeds and (not sure or seeds[current] == "listed"):
            chain: list[Stake] = []
            while (step := back[current]) is not None:
                chain.append(step)
                current = step.owned
            return tuple(reversed(chain))
        for s in into.get(current, ()):
            if s.owner not in back and follow(s):
                back[s.owner] = s
                queue.append(s.owner)
    return ()


# -- rules and their dated versions ------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One dated state of a rule: in force, suspended, or a span where the graph records no
    status (`not_recorded`), from `start` (inclusive) until `until` (exclusive)."""

    status: VersionStatus
    start: str | None
    until: str | None
    citation: str | None = None
    source_ids: tuple[str, ...] = ()
    note: str | None = None

    def covers(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (
            self.until is None or day < self.until
        )

    def span(self) -> str:
        start = f"from {self.start}" if self.start else "from its start"
        return start + (f" through {_day_before(self.until)}" if self.until else "")


@dataclass(frozen=True)
class RuleOnDay:
    """A rule's status on a day, the version that says so (or the last one known) and why."""

    status: DayStatus
    reason: str
    version: Version | None


def versions_of(rule: Mapping[str, Any]) -> list[Version]:
    """The rule's versions, oldest first: as stored (`versions`), else built from the older
    single-status fields (`from`, `until`, `suspended_from`, `suspended_until`, `status`)."""
    stored = rule.get("versions")
    if stored:
        out = [_version(v) for v in stored if v]
        return sorted(out, key=lambda v: v.start or "")
    return _legacy_versions(rule)


def _version(v: Mapping[str, Any]) -> Version:
    return Version(
        status=v.get("status") or "not_recorded",
        start=v.get("from"),
        until=v.get("until"),
        citation=v.get("citation"),
        source_ids=tuple(v.get("source_ids") or ()),
        note=v.get("note"),
    )


def _legacy_versions(rule: Mapping[str, Any]) -> list[Version]:
    start, until = rule.get("from"), rule.get("until")
    s_from, s_until = rule.get("suspended_from"), rule.get("suspended_until")
    cited = (rule.get("citation"), tuple(rule.get("source_ids") or ()))
    if not s_from:
        recorded = rule.get("status") or "in_force"
        status: VersionStatus = "in_force" if recorded == "in_force" else "not_recorded"
        return [Version(status, start, until, *cited)]
    after = _day_after(s_until) if s_until else None
    out = [Version("in_force", start, s_from, *cited), Version("suspended", s_from, after, *cited)]
    if after and rule.get("status") == "in_force":
        out.append(Version("in_force", after, until, *cited))
    return out


def rule_on(rule: Mapping[str, Any], day: str) -> RuleOnDay:
    """Which version applies on `day`. Before the first version the rule did not apply; from
    the rule's own `until` it had expired; a day no version covers (after the last, or in a
    gap) is not decided by the graph: `not_recorded`, with the last known version."""
    versions = versions_of(rule)
    ended = rule.get("until")
    if ended and day >= ended:
        return RuleOnDay(
            "expired", f"the rule ended on {ended}", versions[-1] if versions else None
        )
    current = next((v for v in versions if v.covers(day)), None)
    if current is not None:
        return RuleOnDay(current.status, _why(current), current)
    if not versions or (versions[0].start and day < versions[0].start):
        first = versions[0].start if versions else None
        why = f"the rule applies from {first}" if first else "the graph records no version"
        return RuleOnDay("not_yet_in_force", why, None)
    last = max((v for v in versions if (v.start or "") <= day), key=lambda v: v.start or "")
    return RuleOnDay(
        "not_recorded",
        f"no version of the rule in the graph covers {day}; the last known one was "
        f"{last.status} {last.span()} ({last.citation or 'uncited'}); no source in the graph "
        "says what followed",
        last,
    )


def _why(v: Version) -> str:
    cited = f" ({v.citation})" if v.citation else ""
    if v.status == "not_recorded":
        note = f": {v.note}" if v.note else ""
        return f"the graph records no status for the rule {v.span()}{cited}{note}"
    return f"the rule is {v.status.replace('_', ' ')} {v.span()}{cited}"


def _day_after(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
