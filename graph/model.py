"""The graph's vocabulary, defined once: labels, relationship types, ids, and when a dated
claim is decided.

Loaders, the review queue, the API and the exports all mint ids and check labels here, so
the same claim gets the same id whichever code writes it, and a label or type that reaches
Cypher's dynamic `$(...)` syntax has been checked against one fixed set.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from datetime import date
from typing import Any

from graph.shares import share_of

# Node labels an entity may carry (with `Entity`), and the id prefix of each.
ID_PREFIX: dict[str, str] = {
    "Company": "company",
    "Person": "person",
    "GovernmentBody": "gov",
    "Place": "place",
    "List": "list",
    "Contract": "contract",
}
# Every label an entity node may carry (a request's `label` filter names fewer:
# api.checks.LABEL_FILTERS).
ENTITY_LABELS = frozenset(ID_PREFIX)
# Relationship types between entities, and the fact types (those plus MENTIONED_IN, which
# joins an entity to a Source).
RELATION_TYPES = frozenset(
    (
        "SUBSIDIARY_OF",
        "OWNED_BY",
        "BRANCH_OF",
        "CONTROLLED_BY",
        "LOCATED_IN",
        "PART_OF",
        "PARTY_TO",
        "AWARDED_BY",
        "PERFORMED_IN",
        "ADMINISTERED_BY",
        "LISTED_ON",
        "MERGED_INTO",
        "LINKED_TO",
        "AFFILIATE_OF",
    )
)
# Ownership edges (owned -> owner), each with a share (graph/shares.py): SUBSIDIARY_OF and
# BRANCH_OF (a source calls it a subsidiary, or a branch or unit, which is part of its company
# and passes on whole), and OWNED_BY (a stake that makes no subsidiary: a shareholder's 10 %, a
# person's holding). Control edges (controlled -> controller) are walked beside them but are
# not ownership: they add nothing to a 50 % sum unless a share is stated (OFAC FAQ 398).
# LINKED_TO (OFAC's "Linked To:") is neither, nor is AFFILIATE_OF (a designating notice's
# "non-U.S. affiliates of Huawei", loaders/notices.py): an affiliation states no share.
# Statements receive these sets as parameters (`edge_types()`), never formatted into their text.
SUBSIDIARY_TYPES = frozenset({"SUBSIDIARY_OF", "BRANCH_OF"})
OWNERSHIP_TYPES = SUBSIDIARY_TYPES | {"OWNED_BY"}
CONTROL_TYPES = frozenset({"CONTROLLED_BY"})
WALKED_TYPES = OWNERSHIP_TYPES | CONTROL_TYPES
# Edges that count only when in force on a day (since <= day < until).
DATED_TYPES = WALKED_TYPES | {"LISTED_ON", "LINKED_TO"}
FACT_TYPES = RELATION_TYPES | {"MENTIONED_IN"}
# Date precisions a claim may carry; the vague ones decide a day only once they are over.
PRECISIONS = frozenset({"day", "month", "year", "approximate", "before", "after"})
ALWAYS = "0001-01-01"  # decided_from of an undated claim: decided on every day


def edge_types() -> dict[str, Any]:
    """The edge-type sets as statement parameters (`$subsidiary_types`, `$ownership_types`,
    `$control_types`, `$walked_types`, `$dated_types`), sorted so a plan cache sees one value."""
    return {
        "subsidiary_types": sorted(SUBSIDIARY_TYPES),
        "ownership_types": sorted(OWNERSHIP_TYPES),
        "control_types": sorted(CONTROL_TYPES),
        "walked_types": sorted(WALKED_TYPES),
        "dated_types": sorted(DATED_TYPES),
    }


def relation_of(rel_type: str) -> str | None:
    """How an edge type holds: 'ownership', 'branch' (part of its company), 'control', or
    None for an edge that is neither."""
    if rel_type == "BRANCH_OF":
        return "branch"
    if rel_type in OWNERSHIP_TYPES:
        return "ownership"
    return "control" if rel_type in CONTROL_TYPES else None


def slug(text: str, limit: int = 60) -> str:
    """Lower-case `[a-z0-9-]`, diacritics folded (ids must match the curated id pattern)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return out[:limit].strip("-") or "unnamed"


def short_hash(text: str, n: int = 8) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:n]


def fact_id(rel_type: str, start: str, end: str, key: str = "") -> str:
    """Stable across reloads and loaders: the same claim always gets the same id."""
    digest = hashlib.sha1(f"{rel_type}|{start}|{end}|{key}".encode()).hexdigest()
    return f"fact:{digest[:20]}"


# Record time (when survgraph held a fact, beside the valid time since/until the fact states):
# a stored fact carries `recorded_at` (the load run that recorded this version of it),
# `recorded_run`, `first_recorded_at` (its first version's) and `version` (a digest of what it
# states). A load that changes or removes a fact first copies the old version to a
# `:FactRecord` node closed with `recorded_until` (see cypher/load/*_write*.cypher).
RECORD_KEYS = frozenset(
    {
        "recorded_at",
        "recorded_run",
        "first_recorded_at",
        "recorded_until",
        "recorded_until_run",
        "version",
        "fact_type",
        "fact_start",
        "fact_end",
        "end_kind",
    }
)
# What a version digest leaves out: who cited it and how it was resolved, which a reload adds
# to without changing what the fact says.
_UNSTATED = RECORD_KEYS | {
    "source_ids",
    "origin",
    "review_id",
    "decision",
    "score",
    "alias",
    "input",
    "explanation",
    "ended_by_run",
    "fact_id",
    "entity_id",
    "list_id",
}


def fact_version(props: dict[str, Any]) -> str:
    """A digest of what a fact states, so a reload of the same edition keeps its record time
    and a changed one closes the old version."""
    stated = {k: v for k, v in sorted(props.items()) if k not in _UNSTATED}
    return hashlib.sha1(repr(stated).encode("utf-8")).hexdigest()[:16]


def recorded(run_id: str, at: str) -> dict[str, str]:
    """The record-time stamp a write statement gives a fact it creates or changes."""
    return {"recorded_at": at, "recorded_run": run_id}


def review_id(kind: str, normalized_input: str, context: str) -> str:
    """Stable: the same doubtful input from the same place files the same item on a reload."""
    digest = hashlib.sha1(f"{kind}|{normalized_input}|{context}".encode()).hexdigest()
    return f"review:{digest[:16]}"


def change_id(run_id: str, entry_id: str) -> str:
    digest = hashlib.sha1(f"{run_id}|{entry_id}".encode()).hexdigest()[:20]
    return f"change:{digest}"


def entity_id(label: str, name: str, key: str) -> str:
    """A new entity's id: readable from its name, unique by a hash of what identifies it."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{ID_PREFIX[label]}:{slug(name)}-{digest}"


def decided_from(since: str | None, precision: str | None) -> str | None:
    """The first day on which a claim dated `since` (to `precision`) is precise enough to
    count: a claim dated only to a year or a month never reads as in force before that year
    or month is over, and an approximate or "after" date never decides a day (None).
    Computed once when the claim is written, so every query tests `decided_from <= $as_of`
    instead of repeating this rule."""
    if not since:
        return ALWAYS
    if precision in (None, "day", "before"):
        return since
    if precision not in ("year", "month"):
        return None
    day = date.fromisoformat(since[:10])
    if precision == "year":
        return _shift(day, years=1)
    return _shift(day, months=1)


def _shift(day: date, years: int = 0, months: int = 0) -> str:
    """Cypher's `date(d) + duration('P1Y'/'P1M')`: the day clamped to the month's end."""
    year, month = divmod(day.year * 12 + day.month - 1 + years * 12 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last)).isoformat()


def with_decided_from(props: dict[str, object]) -> dict[str, object]:
    """A fact's properties with `decided_from` set from its `since` and `since_precision`."""
    since = props.get("since")
    precision = props.get("since_precision")
    props["decided_from"] = decided_from(
        str(since) if since else None, str(precision) if precision else None
    )
    return props


# A designation claim's own life cycle (besides its dates): in force as its dates say, or
# withdrawn, suspended or removed, each on a cited `status_date`.
CLAIM_STATUSES = frozenset({"in_force", "withdrawn", "suspended", "removed"})


def claim_decided_from(
    since: str | None, precision: str | None, status: object = None
) -> str | None:
    """A designation claim's `decided_from`: never for a withdrawn publication, else as its
    since date's precision allows (`decided_from`)."""
    return None if status == "withdrawn" else decided_from(since, precision)


def with_life_cycle(props: dict[str, object]) -> dict[str, object]:
    """A designation claim's properties with its life cycle applied once, where every query
    reads it: a withdrawn publication never decides any day (`decided_from` None), so it never
    makes anyone listed; a removal or suspension ends the claim on its status date (`until`).
    Which of these a designation is, is said by the status rule (api/status.py)."""
    status, on = props.get("status"), props.get("status_date")
    if status == "withdrawn":
        props["decided_from"] = claim_decided_from(None, None, status)
    elif status in ("suspended", "removed") and on:
        until = props.get("until")
        if not until or str(on) < str(until):
            props["until"] = on
    return props


def with_share(props: dict[str, object]) -> dict[str, object]:
    """An ownership or control edge's properties with its share fields (graph/shares.py): as
    given, else read from an older `share` number, else not stated. Never a missing share."""
    if props.get("share_kind") is None:
        props.update(share_of(props).props())
    props.pop("share", None)
    return props


def fact_props(rel_type: str, props: dict[str, object]) -> dict[str, object]:
    """Everything a writer derives for a fact before it is stored."""
    props = with_decided_from(props)
    if rel_type == "LISTED_ON":
        with_life_cycle(props)
    if rel_type in WALKED_TYPES:
        with_share(props)
    return props


# Our ids in FollowTheMoney, which allows no colon: `company:hikvision` <-> `company.hikvision`
# (our prefixes and slugs never hold a dot). The FtM export writes them, `load ftm` reads them
# back, so an exported graph reloads with its own ids.
_OUR_FTM_ID = re.compile(r"^(company|person|gov|place|list|contract|source)\.([a-z0-9][a-z0-9-]*)$")


def to_ftm_id(our_id: str) -> str:
    return our_id.replace(":", ".", 1)


def our_id(ftm_id: str) -> str | None:
    """The survgraph id an FtM id carries, if it is one of our exports."""
    m = _OUR_FTM_ID.match(ftm_id)
    return f"{m.group(1)}:{m.group(2)}" if m else None
