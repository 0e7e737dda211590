"""The status rule: what all the claims about one (entity, list) pair say on a day.

Conservative on purpose, because a reader quotes it: `in_force` only when a claim dated
precisely enough for that day says so (`decided`, computed by the Cypher statements), and a
designation that only imprecisely dated claims reach is `possibly_in_force`, never listed.

A claim's own life cycle (`status`, dated and cited: graph.model.with_life_cycle) comes first:
a `withdrawn` publication never made anyone listed on any day (its claim never decides, and
it is left out here); a `removed` or `suspended` designation ends on its status date, and is
said to be removed or suspended rather than merely ended. A suspension's scheduled end is only
a schedule: being listed again needs a source that says so (a claim of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from api import models as m


@dataclass(frozen=True)
class Status:
    status: m.DesignationStatus
    reason: str
    until: str | None = None


def label(c: m.Claim) -> str:
    return c.citation or ", ".join(c.source_ids) or c.fact_id or "uncited"


def status_on(claims: Sequence[m.Claim], day: str) -> Status:
    live = [c for c in claims if c.status != "withdrawn"]
    if not live:
        return _withdrawn(claims)
    return _status(live, day)


def _status(claims: Sequence[m.Claim], day: str) -> Status:
    decided = [c for c in claims if c.decided]
    if decided:
        return _in_force(decided, day)
    reaching = [c for c in claims if c.in_force]
    if reaching:
        return _possibly(reaching, day)
    begun = [c for c in claims if (c.since or "") <= day]
    ended = [c for c in begun if c.until is not None and c.until <= day]
    if begun and len(ended) == len(begun):
        return _ended(ended, day)
    return _not_yet(claims, day)


def _in_force(decided: Sequence[m.Claim], day: str) -> Status:
    why = "; ".join(label(c) for c in decided)
    return Status(
        "in_force", f"in force on {day} per {len(decided)} claim(s) dated precisely enough: {why}"
    )


def _possibly(reaching: Sequence[m.Claim], day: str) -> Status:
    dates = "; ".join(f"since {c.since} ({c.since_precision})" for c in reaching)
    return Status(
        "possibly_in_force",
        f"only imprecisely dated claims reach {day} ({dates}); no claim dated precisely enough "
        "says it was in force that day",
    )


def _ended(ended: Sequence[m.Claim], day: str) -> Status:
    until = max(c.until or "" for c in ended)
    last = [c for c in ended if c.until == until]
    for status in ("removed", "suspended"):
        if all(c.status == status for c in last):
            return _stopped(status, last, until, day)
    why = "; ".join(sorted({c.end_reason for c in ended if c.end_reason}))
    return Status(
        "ended", f"ended {until}" + (f" ({why})" if why else "") + f", before {day}", until
    )


def _stopped(status: m.DesignationStatus, last: Sequence[m.Claim], until: str, day: str) -> Status:
    cited = "; ".join(dict.fromkeys(c.status_citation or label(c) for c in last))
    scheduled = sorted({c.status_until for c in last if c.status_until})
    end = (
        f"; scheduled to end {scheduled[-1]}, but no source in the graph says it was reinstated"
        if scheduled
        else ""
    )
    return Status(status, f"{status} on {until} ({cited}), before {day}{end}", until)


def _withdrawn(claims: Sequence[m.Claim]) -> Status:
    cited = "; ".join(dict.fromkeys(c.status_citation or label(c) for c in claims))
    when = sorted({c.status_date for c in claims if c.status_date})
    return Status(
        "withdrawn",
        f"the publication was withdrawn ({', '.join(when) or 'undated'}; {cited}): it never "
        "made the entity listed on any day",
    )


def _not_yet(claims: Sequence[m.Claim], day: str) -> Status:
    first = min((c.since for c in claims if c.since), default=None)
    reason = f"no claim has it listed by {day}" + (
        f"; the earliest claim dates it from {first}" if first else ""
    )
    return Status("not_yet", reason)


def first_since(claims: Sequence[m.Claim]) -> str | None:
    """The earliest day-precise since (a vague one only when there is no other)."""
    precise = [c.since for c in claims if c.since and not c.vague]
    return min(precise) if precise else min((c.since for c in claims if c.since), default=None)


def first_citation(claims: Sequence[m.Claim]) -> str | None:
    """The legal citation to quote: a deciding claim's first."""
    ordered = [*(c for c in claims if c.decided), *(c for c in claims if not c.decided)]
    return next((c.citation for c in ordered if c.citation), None)
