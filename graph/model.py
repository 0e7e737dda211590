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
    )
)
# Ownership edges: what a subsidiaries walk follows. LINKED_TO (OFAC's "Linked To:") is a
# stated link that is not ownership, so it is deliberately not one of them.
OWNERSHIP_TYPES = frozenset({"SUBSIDIARY_OF", "BRANCH_OF"})
FACT_TYPES = RELATION_TYPES | {"MENTIONED_IN"}
# Date precisions a claim may carry; the vague ones decide a day only once they are over.
PRECISIONS = frozenset({"day", "month", "year", "approximate", "before", "after"})
ALWAYS = "0001-01-01"  # decided_from of an undated claim: decided on every day


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


# Our ids in FollowTheMoney, which allows no colon: `company:hikvision` <-> `company.hikvision`
# (our prefixes and slugs never hold a dot). The FtM export writes them, `load ftm` reads them
# back, so an exported graph reloads with its own ids.
_OUR_FTM_ID = re.compile(r"^(company|gov|place|list|contract|source)\.([a-z0-9][a-z0-9-]*)$")


def to_ftm_id(our_id: str) -> str:
    return our_id.replace(":", ".", 1)


def our_id(ftm_id: str) -> str | None:
    """The survgraph id an FtM id carries, if it is one of our exports."""
    m = _OUR_FTM_ID.match(ftm_id)
    return f"{m.group(1)}:{m.group(2)}" if m else None
