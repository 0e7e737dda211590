"""The parts every answer is made of: sources, entity references, edges, designations, pages.

Every fact carries its sources: an `Edge` or a `Designation` has `source_ids` and the
resolved `sources` (title, publisher, date, url, legal citation) so an answer can be quoted
as it stands. List answers share one envelope: `results`, `total`, `limit`, `offset`.
The answers themselves live beside their resource (`api.models.entities`, ...).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

T = TypeVar("T")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EntityLabel = Literal["Company", "GovernmentBody", "Place", "List", "Contract"]
ClaimStatus = Literal["in_force", "withdrawn", "suspended", "removed"]


def iso_day(value: str) -> str:
    """RFC 3339 full-date only: `fromisoformat` alone would also take `20240101` or
    `2024-W01-1`, which the declared `format: date` does not allow."""
    if not _ISO_DAY.fullmatch(value):
        raise ValueError("must be an ISO date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError("must be an ISO date YYYY-MM-DD") from None


# A day as requests give it: declared `format: date`, checked as such (422 otherwise).
IsoDate = Annotated[
    str, AfterValidator(iso_day), WithJsonSchema({"type": "string", "format": "date"})
]


class Model(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class SourceRef(Model):
    """A document a fact comes from. `found` is false when a cited id has no Source node."""

    id: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    date_precision: str | None = None
    url: str | None = None
    kind: str | None = None
    citation: str | None = None
    licence: str | None = Field(
        default=None,
        description="the licence of a dataset the fact comes from (e.g. CC0 1.0), when it has one",
    )
    note: str | None = None
    found: bool = True

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "source:fr-2019-10-09-84fr54002",
                "title": "Addition of Certain Entities to the Entity List",
                "publisher": "Federal Register",
                "date": "2019-10-09",
                "date_precision": "day",
                "url": "https://www.federalregister.gov/d/2019-22210",
                "kind": "regulation",
                "citation": "84 FR 54002",
                "found": True,
            }
        }
    )


class EntityRef(Model):
    """A node named in an answer: id, name and its kind labels (Company, List, ...)."""

    id: str
    name: str | None = None
    labels: list[str] = Field(default_factory=list)

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "company:hikvision",
                "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
                "labels": ["Company"],
            }
        }
    )


class ShareInterval(Model):
    """A stake in percent as an interval (graph/shares.py, after BODS 0.4 `share`): `min` and
    `max`, each bound exclusive or not, the source's words and how they were stated."""

    min: float
    max: float
    min_exclusive: bool = False
    max_exclusive: bool = False
    text: str | None = Field(default=None, description="the source's words, verbatim")
    kind: str = Field(
        default="exact", description="exact | range | bound | descriptive | not_stated | unreadable"
    )
    words: str = Field(default="", description="the interval in plain words")
    as_of: str | None = Field(default=None, description="the day the figure refers to")
    as_of_precision: str | None = None

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "min": 50,
                "max": 100,
                "min_exclusive": True,
                "max_exclusive": False,
                "text": "over 50 %",
                "kind": "bound",
                "words": "more than 50%",
            }
        }
    )


class Edge(Model):
    """One relationship fact: its type, its endpoints (`from` -> `to`), its properties and the
    sources that support it. Ownership and control edges carry their `share`."""

    type: str
    from_id: str = Field(validation_alias="from", serialization_alias="from")
    to_id: str = Field(validation_alias="to", serialization_alias="to")
    fact_id: str | None = None
    origin: str | None = None
    note: str | None = None
    basis: str | None = Field(
        default=None,
        description="why the source says so, in its own words (a list-stated claim: "
        "'grouped under this parent on the DoD 1260H list of 2025-01-07', 'Linked To: X')",
    )
    ownership: bool | None = Field(
        default=None,
        description="true for ownership and branch edges; false for control (CONTROLLED_BY: "
        "control is not ownership) and for a link that is not ownership (LINKED_TO)",
    )
    relation: Literal["ownership", "branch", "control", "link"] | None = Field(
        default=None,
        description="how the edge holds: ownership (SUBSIDIARY_OF, OWNED_BY), branch (part of "
        "its company), control (CONTROLLED_BY, with its basis), link (LINKED_TO)",
    )
    share: ShareInterval | None = Field(
        default=None, description="ownership and control edges: the stake (not stated: (0, 100])"
    )
    properties: dict[str, Any] = Field(default_factory=dict)
    source_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)

    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "example": {
                "type": "SUBSIDIARY_OF",
                "from": "company:hikmicro",
                "to": "company:hikvision",
                "fact_id": "fact:3f2a...",
                "origin": "curated",
                "ownership": True,
                "relation": "ownership",
                "share": {"min": 100, "max": 100, "text": "wholly owned", "kind": "descriptive"},
                "properties": {},
                "source_ids": ["source:hikvision-annual-report-2023"],
                "sources": [{"id": "source:hikvision-annual-report-2023", "found": True}],
            }
        },
    )


class Link(Model):
    """A neighbouring entity and the edge that joins it."""

    entity: EntityRef
    edge: Edge


class Claim(Model):
    """One source's claim that an entity is on a list (one LISTED_ON relationship): its dates
    with their precision, whether it is in force on the answer's `as_of`, and its sources.

    `in_force`: since <= as_of < until. `decided`: in force AND `decided_from` <= as_of, the
    first day the since date is precise enough to decide (computed once when the claim was
    loaded: a `year` claim from the next 1 January, a `month` claim from the next month, an
    `approximate` or `after` claim never on its own). `vague` marks a since date less precise
    than a day (`before` excepted: it is an upper bound), i.e. one not decided from itself."""

    since: str | None = None
    since_precision: str | None = None
    decided_from: str | None = Field(
        default=None, description="first day the claim decides (null: never on its own)"
    )
    effective: str | None = None
    until: str | None = None
    until_precision: str | None = None
    in_force: bool
    decided: bool
    vague: bool = False
    citation: str | None = None
    name_as_listed: str | None = None
    programs: list[str] = Field(default_factory=list)
    key: str | None = None
    fact_id: str | None = None
    origin: str | None = None
    note: str | None = None
    end_reason: str | None = None
    ended_by_run: str | None = None
    status: ClaimStatus | None = Field(
        default=None,
        description="the claim's own life cycle: withdrawn (the publication never listed "
        "anyone), suspended or removed (on status_date); none: as its dates say",
    )
    status_date: str | None = None
    status_until: str | None = Field(
        default=None, description="a suspension's scheduled end (being listed again needs a source)"
    )
    status_citation: str | None = None
    status_note: str | None = None
    status_source_ids: list[str] = Field(default_factory=list)
    properties: dict[str, Any] = Field(default_factory=dict)
    source_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class ListSnapshot(Model):
    """The list load a designation comes from, where the list was loaded from a dated
    snapshot (e.g. the Consolidated Screening List); absent for curated-only lists."""

    snapshot_source_id: str | None = None
    loaded_at: str | None = None
    publisher_updated: str | None = None
    entry_count: int | None = None
    source: SourceRef | None = None


DesignationStatus = Literal[
    "in_force", "possibly_in_force", "ended", "not_yet", "withdrawn", "suspended", "removed"
]


class Designation(Model):
    """An entity's designation on one list on the answer's `as_of`, grouping every claim
    about it (curated facts from several sources, list loads).

    `in_force` is conservative: true only when a claim puts the designation in force that day
    with a date precise enough to decide it (`status` = `in_force`). `status` is one of
    `in_force`, `possibly_in_force` (only imprecisely dated claims reach that day), `ended`
    (every claim begun by then has ended: `until` is the latest end), `removed` / `suspended`
    (ended so on `until`, per the claim's dated and cited status), `withdrawn` (every claim is
    of a publication withdrawn: it never listed anyone on any day), `not_yet` (no claim begins
    by then). `reason` says it in words; `claims` carry each source's dates."""

    list_ref: EntityRef = Field(validation_alias="list", serialization_alias="list")
    in_force: bool
    status: DesignationStatus
    reason: str
    since: str | None = Field(
        default=None, description="earliest since among day-precise claims (else any claim)"
    )
    until: str | None = Field(default=None, description="when status is `ended`: the end")
    citation: str | None = Field(default=None, description="the first legal citation claimed")
    claims: list[Claim]
    vague_claims: list[str] = Field(
        default_factory=list, description="fact ids of claims dated less precisely than a day"
    )
    snapshot: ListSnapshot | None = None
    source_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "list": {"id": "list:us-bis-entity-list", "name": "Entity List"},
                "in_force": True,
                "status": "in_force",
                "reason": "in force on 2023-12-31 per 1 day-precise claim (88 FR 18985)",
                "since": "2023-03-30",
                "until": None,
                "citation": "88 FR 18985",
                "claims": [
                    {
                        "since": "2023-03-30",
                        "since_precision": "day",
                        "in_force": True,
                        "decided": True,
                        "citation": "88 FR 18985",
                        "source_ids": ["source:fr-2023-03-30-88fr18983"],
                    },
                    {
                        "since": "2023-01-01",
                        "since_precision": "year",
                        "in_force": True,
                        "decided": True,
                        "vague": True,
                        "note": "'last year' per a December 2024 article",
                        "source_ids": ["source:reuters-2024-12-hikvision-xinjiang"],
                    },
                ],
                "source_ids": ["source:fr-2023-03-30-88fr18983"],
            }
        }
    )


class Page(Model, Generic[T]):
    """The list envelope every list-shaped answer uses."""

    results: list[T]
    total: int = Field(description="matching items in all pages")
    limit: int
    offset: int


class Problem(Model):
    """RFC 9457 problem details; extra members (`errors`, `suggestions`) depend on the error."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "example": {
                "type": "about:blank",
                "title": "Not found",
                "status": 404,
                "detail": "no entity with id 'company:hikvisoin'",
                "instance": "/entities/company:hikvisoin",
                "suggestions": [{"id": "company:hikvision", "name": "Hikvision", "score": 0.9}],
            }
        },
    )
