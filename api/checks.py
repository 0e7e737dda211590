"""Every request check and parameter alias, for the routers and the CLI alike.

FastAPI enforces what `api.params` declares; these checks enforce the same bounds again (and
the ones that depend on settings or on the graph) so `survgraph` refuses exactly what the API
refuses, with the same `InvalidField` (HTTP 422 naming the field) or `UnknownIds` (404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from api.models import iso_day
from api.queries.steps import Query, read
from graph.errors import BadRequest, NotFound
from graph.settings import Settings

# Relationship types a path or neighbourhood may follow. Types cannot be Cypher parameters,
# so requests name them from this fixed set and the statement filters `type(r) IN $rels`.
PATH_RELS: tuple[str, ...] = (
    "SUBSIDIARY_OF",
    "OWNED_BY",
    "BRANCH_OF",
    "CONTROLLED_BY",
    "LINKED_TO",
    "AFFILIATE_OF",
    "LOCATED_IN",
    "PART_OF",
    "PARTY_TO",
    "AWARDED_BY",
    "PERFORMED_IN",
    "ADMINISTERED_BY",
    "LISTED_ON",
    "MENTIONED_IN",
)
# By default paths do not run through documents: two facts citing one article are not linked.
DEFAULT_PATH_RELS: tuple[str, ...] = tuple(r for r in PATH_RELS if r != "MENTIONED_IN")
# The labels a `label` filter of a request may name (graph.model.ENTITY_LABELS is every
# label an entity node may carry; people are not a filter of this API).
LABEL_FILTERS: tuple[str, ...] = ("Company", "GovernmentBody", "Place", "List", "Contract")
MAX_HOPS = 6  # the literal ceiling in api/paths.cypher
MAX_NEIGHBORHOOD_DEPTH = 3  # the literal ceiling in api/neighborhood.cypher
MAX_PATHS = 100
MAX_QUERY_CHARS = 500
CHANGE_KINDS = ("added", "modified", "ended")


def _field_error(field: str, message: str, value: object, where: str) -> dict[str, object]:
    return {"loc": [where, field], "field": field, "msg": message, "input": value}


class InvalidField(BadRequest):
    """A request value outside its bounds; `errors` names the field like FastAPI's own 422."""

    def __init__(self, field: str, message: str, value: object, where: str = "query") -> None:
        super().__init__(f"{field}: {message}", errors=[_field_error(field, message, value, where)])


class UnknownIds(NotFound):
    """Ids in a filter that name nothing: a 404 (the request is well formed, what it names is
    absent), with `errors` naming the field like a 422 so a client sees which value."""

    def __init__(self, field: str, message: str, value: object, where: str = "query") -> None:
        super().__init__(f"{field}: {message}", errors=[_field_error(field, message, value, where)])


def today() -> str:
    return dt.date.today().isoformat()


def check_date(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return iso_day(value)
    except ValueError:
        raise InvalidField(field, "must be an ISO date YYYY-MM-DD", value) from None


def as_of(value: str | None) -> str:
    """The day an answer is about: the request's, else today (also when left out)."""
    return check_date("as_of", value) or today()


def known_before(value: str | None) -> str | None:
    """`known_at=DAY` as the exclusive record-time bound the statements take (`$known_before`:
    what survgraph had recorded by the end of that day); none: what it holds now."""
    day = check_date("known_at", value)
    return day_after(day) if day else None


def day_after(day: str) -> str | None:
    """The exclusive end of a window through `day`; none after the last representable day."""
    last = dt.date.fromisoformat(day)
    return None if last == dt.date.max else (last + dt.timedelta(days=1)).isoformat()


def split_values(values: str | Sequence[str] | None) -> list[str] | None:
    """`a,b` or `["a", "b,c"]` -> a de-duplicated list; None or nothing -> None."""
    if values is None:
        return None
    raw = [values] if isinstance(values, str) else list(values)
    out = [part.strip() for value in raw for part in value.split(",") if part.strip()]
    return list(dict.fromkeys(out)) or None


def check_max(field: str, value: int, limit: int) -> int:
    if value > limit:
        raise InvalidField(field, f"must be <= {limit}", value)
    if value < 1:
        raise InvalidField(field, "must be >= 1", value)
    return value


def page_limit(settings: Settings, limit: int) -> int:
    return check_max("limit", limit, settings.max_page_size)


def depth(settings: Settings, value: int | None, field: str = "depth") -> int:
    if value is None:
        return settings.max_depth
    return check_max(field, value, settings.max_depth)


def neighborhood_depth(settings: Settings, value: int) -> int:
    return check_max("depth", value, min(MAX_NEIGHBORHOOD_DEPTH, settings.max_depth))


def path_rels(rels: Sequence[str] | None) -> list[str]:
    """Repeated or comma-separated relationship types, any case; none given: the default."""
    wanted: list[str] = []
    for raw in rels or []:
        for part in raw.split(","):
            name = part.strip().upper()
            if name and name not in PATH_RELS:
                raise InvalidField("rel", f"must be among {', '.join(PATH_RELS)}", part)
            if name:
                wanted.append(name)
    return list(dict.fromkeys(wanted)) or list(DEFAULT_PATH_RELS)


def labels(field: str, values: Collection[str] | None, where: str = "query") -> list[str] | None:
    if not values:
        return None
    for label in values:
        if label not in LABEL_FILTERS:
            raise InvalidField(field, f"must be one of {', '.join(LABEL_FILTERS)}", label, where)
    return list(values)


def search_text(q: str) -> str:
    query = q.strip()
    if not query:
        raise InvalidField("q", "must not be empty", q)
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidField("q", f"must be at most {MAX_QUERY_CHARS} characters", len(q))
    return query


def names(values: Sequence[str]) -> list[str]:
    for i, name in enumerate(values):
        if len(name) > MAX_QUERY_CHARS:
            raise InvalidField(
                f"names.{i}", f"must be at most {MAX_QUERY_CHARS} characters", len(name), "body"
            )
    return list(values)


def change_kinds(kind: str | Sequence[str] | None) -> list[str] | None:
    kinds = split_values(kind)
    for k in kinds or []:
        if k not in CHANGE_KINDS:
            raise InvalidField("kind", f"must be among {', '.join(CHANGE_KINDS)}", k)
    return kinds


def required_date(field: str, value: str | None) -> str:
    day = check_date(field, value)
    if day is None:
        raise InvalidField(field, "is required", value)
    return day


def known_lists(
    field: str, lists: str | Sequence[str] | None, where: str = "query"
) -> Query[list[str] | None]:
    """Comma-separated or repeated list ids, each a :List in the graph (else 404)."""
    wanted = split_values(lists)
    if not wanted:
        return None
    rows = yield from read("api/list_ids", ids=wanted)
    found = {r["id"]: r["found"] for r in rows}
    unknown = [x for x in wanted if not found.get(x)]
    if unknown:
        raise UnknownIds(field, f"unknown list id(s): {', '.join(unknown)}", lists, where)
    return wanted


def known_rule(rule_id: str, field: str = "reached_by") -> Query[str]:
    """A scope rule id the graph has (else 404 naming the field)."""
    rows = yield from read("api/rule_ids", ids=[rule_id])
    if not any(r["found"] for r in rows):
        raise UnknownIds(field, f"unknown rule id: {rule_id}", rule_id)
    return rule_id


def not_both(field: str, value: object, other: bool) -> None:
    """`reached_by` answers a question of its own: it does not combine with listing filters."""
    if other:
        raise InvalidField(field, "cannot be combined with listed, list or lists", value)


def chosen_lists(lists: str | Sequence[str] | None, list_id: str | None) -> Query[list[str] | None]:
    """`lists` and the older single `list` (an alias kept for old clients), checked and merged."""
    chosen = (yield from known_lists("lists", lists)) or []
    single = (yield from known_lists("list", list_id)) if list_id else None
    return list(dict.fromkeys([*chosen, *(single or [])])) or None
