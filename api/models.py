"""Typed answers of the API (and of `survgraph` query commands, which print the same shapes).

Every fact carries its sources: an `Edge` or a `Designation` has `source_ids` and the
resolved `sources` (title, publisher, date, url, legal citation) so an answer can be quoted
as it stands. List answers share one envelope: `results`, `total`, `limit`, `offset`.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


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


class Designation(Model):
    """An entity's entry on a list: when, under which citation and name, on what sources.
    `in_force` is evaluated on the answer's `as_of` date (since <= day < until)."""

    list_ref: EntityRef = Field(validation_alias="list", serialization_alias="list")
    since: str | None = None
    effective: str | None = None
    until: str | None = None
    in_force: bool
    citation: str | None = None
    name_as_listed: str | None = None
    programs: list[str] = Field(default_factory=list)
    fact_id: str | None = None
    origin: str | None = None
    note: str | None = None
    properties: dict[str, Any] = Field(default_factory=dict)
    source_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "list": {"id": "list:us-bis-entity-list", "name": "Entity List"},
                "since": "2019-10-09",
                "effective": "2019-10-09",
                "until": None,
                "in_force": True,
                "citation": "84 FR 54002",
                "name_as_listed": "Hangzhou Hikvision Digital Technology Co., Ltd.",
                "source_ids": ["source:fr-2019-10-09-84fr54002"],
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


class ResolveRequest(Model):
    names: list[str] = Field(min_length=1, max_length=200)
    labels: list[str] | None = Field(
        default=None, description="restrict to these kinds (Company, List, ...)"
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
    designations: list[Designation]
    parents: list[Link] = Field(description="SUBSIDIARY_OF, BRANCH_OF, CONTROLLED_BY targets")
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
    designations: list[Designation]


class SubsidiariesAnswer(Page[Subsidiary]):
    root: EntityRef
    depth: int
    listed: bool
    list_id: str | None = Field(validation_alias="list", serialization_alias="list")
    as_of: str


class Rule(Model):
    id: str
    name: str | None = None
    kind: str | None = None
    threshold_share: float | None = None
    status: str | None = None
    from_date: str | None = Field(default=None, validation_alias="from", serialization_alias="from")
    until: str | None = None
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


class ExposureAnswer(Page[Exposure]):
    entity: EntityRef
    depth: int
    as_of: str


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
    attributes: dict[str, Any] = Field(default_factory=dict)
    administered_by: list[EntityRef]
    recorded: int = Field(description="entities the graph records on this list")
    in_force: int = Field(description="of which in force on as_of")
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
