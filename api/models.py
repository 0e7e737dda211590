"""Typed answers of the API (and of `survgraph` query commands, which print the same shapes).

Every fact carries its sources: an `Edge` or a `Designation` has `source_ids` and the
resolved `sources` (title, publisher, date, url, legal citation) so an answer can be quoted
as it stands. List answers share one envelope: `results`, `total`, `limit`, `offset`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

T = TypeVar("T")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EntityLabel = Literal["Company", "GovernmentBody", "Place", "List", "Contract"]


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


class Edge(Model):
    """One relationship fact: its type, its endpoints (`from` -> `to`), its properties and the
    sources that support it."""

    type: str
    from_id: str = Field(validation_alias="from", serialization_alias="from")
    to_id: str = Field(validation_alias="to", serialization_alias="to")
    fact_id: str | None = None
    origin: str | None = None
    note: str | None = None
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
                "properties": {"share": 100},
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

    `in_force`: since <= as_of < until. `decided`: in force AND the since date is precise
    enough to decide that day (a `year` claim only from the next 1 January, a `month` claim
    from the next month, an `approximate` or `after` claim never on its own). `vague` marks a
    since date less precise than a day (`before` excepted: it is an upper bound)."""

    since: str | None = None
    since_precision: str | None = None
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


DesignationStatus = Literal["in_force", "possibly_in_force", "ended", "not_yet"]


class Designation(Model):
    """An entity's designation on one list on the answer's `as_of`, grouping every claim
    about it (curated facts from several sources, list loads).

    `in_force` is conservative: true only when a claim puts the designation in force that day
    with a date precise enough to decide it (`status` = `in_force`). `status` is one of
    `in_force`, `possibly_in_force` (only imprecisely dated claims reach that day), `ended`
    (every claim begun by then has ended: `until` is the latest end), `not_yet` (no claim
    begins by then). `reason` says it in words; `claims` carry each source's dates."""

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


# -- health ------------------------------------------------------------------------------------


class Health(Model):
    status: Literal["ok"]
    neo4j_version: str | None
    neo4j_edition: str | None
    nodes: int
    relationships: int

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "status": "ok",
                "neo4j_version": "5.26.30",
                "neo4j_edition": "community",
                "nodes": 1234,
                "relationships": 5678,
            }
        }
    )


# -- search and resolve --------------------------------------------------------------------------


class SearchHit(Model):
    id: str
    name: str
    score: float
    alias: str = Field(description="the stored name or alias that matched")
    labels: list[str]


class SearchAnswer(Page[SearchHit]):
    query: str
    lists: list[str] | None = Field(
        default=None, description="only entities with a designation in force on these lists"
    )
    as_of: str | None = Field(default=None, description="the day `lists` is judged on")


class ResolveRequest(Model):
    names: list[Annotated[str, Field(max_length=500)]] = Field(min_length=1, max_length=200)
    labels: list[EntityLabel] | None = Field(
        default=None, description="restrict to these kinds (Company, List, ...)"
    )
    lists: list[str] | None = Field(
        default=None,
        description="decide only among entities with a designation in force on these list ids "
        "(on `as_of`); a match must still beat the best other such entity by a clear margin, "
        "and an entity outside the lists that scores as well turns a match into a review",
    )
    as_of: IsoDate | None = Field(
        default=None, description="ISO date for `lists` (default today, also when null)"
    )

    model_config = ConfigDict(
        json_schema_extra={
            "example": {"names": ["Hikvision", "Luopu Haishi Dingxin"], "labels": ["Company"]}
        }
    )


class ResolveCandidate(Model):
    id: str
    name: str
    score: float


class ResolvedEntity(Model):
    id: str
    name: str
    labels: list[str]


class ResolveDecision(Model):
    """The resolver's decision for one input name, with the evidence for it."""

    input: str
    decision: Literal["match", "review", "none"]
    entity: ResolvedEntity | None
    score: float
    alias: str | None
    candidates: list[ResolveCandidate]
    explanation: str


class ResolveAnswer(Model):
    results: list[ResolveDecision]
    total: int
    lists: list[str] | None = None
    as_of: str | None = None


# -- entities ------------------------------------------------------------------------------------


class SubsidiaryCount(Model):
    direct: int
    total: int = Field(description="direct and indirect, up to settings.max_depth levels")


class EntityDetail(Model):
    id: str
    name: str | None
    labels: list[str]
    aliases: list[str]
    attributes: dict[str, Any] = Field(description="every other stored property")
    as_of: str
    listed: bool = Field(description="a designation of its own is in force on as_of")
    designations: list[Designation] = Field(
        description="its own designations, one per list; ended ones have in_force false"
    )
    parents: list[Link] = Field(
        description="SUBSIDIARY_OF, BRANCH_OF, CONTROLLED_BY targets, by edges in force on as_of"
    )
    subsidiaries: SubsidiaryCount
    contracts: list[Link]
    parties: list[Link] = Field(description="for a contract: who is party to it")
    relations: list[Link] = Field(description="located in, awarded by, performed in, ...")
    mentions: list[Edge]
    source_ids: list[str]
    sources: list[SourceRef] = Field(description="every source cited anywhere in this answer")


class Subsidiary(Model):
    entity: EntityRef
    depth: int
    path: list[Edge] = Field(description="ownership edges from this entity up to the root")
    listed: bool = Field(description="one of its own designations is in force on as_of")
    designations: list[Designation] = Field(
        description="its own designations only: coverage derived through a parent is not one"
    )


class SubsidiariesAnswer(Page[Subsidiary]):
    root: EntityRef
    depth: int
    listed: bool
    list_id: str | None = Field(validation_alias="list", serialization_alias="list")
    lists: list[str] | None = Field(default=None, description="designations considered")
    as_of: str


class Rule(Model):
    id: str
    name: str | None = None
    kind: str | None = None
    threshold_share: float | None = None
    status: str | None = Field(default=None, description="the recorded status")
    status_on_as_of: str | None = Field(
        default=None,
        description="in_force | suspended | not_yet_in_force | expired | uncertain on as_of",
    )
    status_reason: str | None = None
    from_date: str | None = Field(default=None, validation_alias="from", serialization_alias="from")
    until: str | None = None
    suspended_from: str | None = None
    suspended_until: str | None = None
    citation: str | None = None
    text: str | None = None
    source_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class Exposure(Model):
    relation: Literal["self", "parent", "subsidiary"]
    holder: EntityRef = Field(description="the entity the designation is on")
    designation: Designation
    path: list[Edge] = Field(description="edges connecting the asked entity to the holder")
    rules: list[Rule] = Field(description="scope rules of the list (subsidiaries, thresholds)")


class DerivedCoverage(Model):
    """What one scope rule of a list concludes for the entity through one ownership path up to
    a listed owner, on as_of. Computed at query time (graph/coverage.py), never a listing."""

    list_ref: EntityRef = Field(validation_alias="list", serialization_alias="list")
    rule: Rule
    outcome: Literal["covered", "not_covered", "undetermined"]
    reason: str = Field(description="the outcome in plain words")
    through: EntityRef = Field(description="the listed owner the path leads to")
    owner_designation: Designation
    path: list[Edge] = Field(description="ownership edges from the entity up to the owner")
    shares: list[str] = Field(description="share per link in words ('60%', 'not recorded')")
    path_shares: list[float | None] = Field(description="share per link (percent) or null")
    effective_share: float | None = Field(description="product of the shares; null if unknown")
    effective_share_text: str
    threshold_share: float | None = None


class ExposureAnswer(Page[Exposure]):
    """`direct`: the entity is named on the list (its own designation in force on as_of).
    `derived`: a list's scope rule reaches it through a listed owner (covered, not_covered or
    undetermined, with the reason); derived is never a listing. `results` (paginated) keeps
    every designation around the entity: its own, its parents' and its subsidiaries'."""

    entity: EntityRef
    depth: int
    as_of: str
    lists: list[str] | None = None
    summary: str
    direct: list[Designation]
    direct_not_in_force: list[Designation] = Field(
        description="own designations not in force on as_of (ended, not yet, only vaguely dated)"
    )
    derived: list[DerivedCoverage]


class Neighborhood(Model):
    center: EntityRef
    depth: int
    nodes: list[EntityRef]
    edges: list[Edge]
    truncated: bool


# -- paths ---------------------------------------------------------------------------------------


class Path(Model):
    length: int
    nodes: list[EntityRef]
    edges: list[Edge]


class PathsAnswer(Page[Path]):
    as_of: str
    source: EntityRef
    target: EntityRef
    max_hops: int
    rels: list[str]
    truncated: bool
    message: str


# -- lists, contracts, sources ------------------------------------------------------------------


class ListSummary(Model):
    id: str
    name: str | None
    short_name: str | None = None
    jurisdiction: str | None = None
    kind: str | None = None
    url: str | None = None
    legal_basis: str | None = None
    publisher_updated: str | None = Field(
        default=None, description="the publisher's own date for the loaded snapshot"
    )
    loaded_at: str | None = Field(default=None, description="when survgraph last loaded it")
    entry_count: int | None = Field(default=None, description="entries in that load")
    snapshot_source_id: str | None = Field(default=None, description="the snapshot Source")
    attributes: dict[str, Any] = Field(default_factory=dict)
    administered_by: list[EntityRef]
    recorded: int = Field(description="entities the graph records on this list")
    in_force: int = Field(description="of which with a designation in force on as_of")
    source_ids: list[str]
    sources: list[SourceRef]


class ListsAnswer(Page[ListSummary]):
    as_of: str


class ListEntry(Model):
    entity: EntityRef
    designation: Designation


class ListEntriesAnswer(Page[ListEntry]):
    list_ref: EntityRef = Field(validation_alias="list", serialization_alias="list")
    since: str | None
    until: str | None
    as_of: str
    include_ended: bool = Field(
        default=False, description="false: only entities with a designation in force on as_of"
    )


class TimelineEvent(Model):
    kind: str = Field(description="contract_started, designation_added, designation_ended, ...")
    date: str
    precision: str | None = Field(default=None, description="day, month, year, before, ...")
    subject: EntityRef = Field(description="the contract, list or company the event concerns")
    citation: str | None = None
    source_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class TimelineAnswer(Page[TimelineEvent]):
    entity: EntityRef
    as_of: str


class Change(Model):
    """One change a list load recorded: an entry added, modified or ended."""

    id: str
    at: str
    kind: str
    list_ref: EntityRef = Field(validation_alias="list", serialization_alias="list")
    entry_id: str | None = None
    name: str | None = None
    entity_id: str | None = None
    run_id: str | None = None


class ChangesAnswer(Page[Change]):
    since: str
    until: str | None
    list_id: str | None = Field(validation_alias="list", serialization_alias="list")
    kinds: list[str] | None


class Contract(Model):
    id: str
    name: str | None
    description: str | None = None
    awarded: str | None = None
    start: str | None = None
    end: str | None = None
    status: str | None = None
    status_date: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    parties: list[Link]
    awarded_by: list[Link]
    performed_in: list[Link]
    source_ids: list[str]
    status_source_ids: list[str]
    sources: list[SourceRef]


class ContractsAnswer(Page[Contract]):
    company: str | None
    region: str | None
    status: str | None


class SourceAnswer(Model):
    source: SourceRef
    nodes: list[EntityRef]
    nodes_total: int
    edges: list[Edge]
    edges_total: int
    cap: int


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
