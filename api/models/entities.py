"""The answers about one entity: detail, subsidiaries, exposure, neighbourhood, timeline."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field

from api.models import examples as ex
from api.models.common import (
    Designation,
    Edge,
    EntityRef,
    Link,
    Model,
    Page,
    ShareInterval,
    SourceRef,
)


class SubsidiaryCount(Model):
    direct: int
    total: int = Field(description="direct and indirect, up to settings.max_depth levels")


class MergeJudgement(Model):
    """Who or what joined a list entry to this entity, when, and on what evidence."""

    id: str
    status: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    rule: str | None = None
    score: float | None = None
    evidence: str | None = None
    explanation: str | None = None


class ListedName(Model):
    """One entry of a list that names this entity, as the list writes it."""

    list_id: str | None
    list_name: str | None = Field(description="the list's short name")
    entry_id: str
    name: str | None
    alt_names: list[str]
    ended: bool = Field(description="the list no longer publishes the entry")
    decision: str | None = Field(
        description="new: the entity was made from this entry; match / accepted: joined to it"
    )
    judgement: MergeJudgement | None = None


class EntityDetail(Model):
    id: str
    name: str | None
    labels: list[str]
    aliases: list[str]
    attributes: dict[str, Any] = Field(description="every other stored property")
    as_of: str
    known_at: str | None = Field(
        default=None,
        description="record time: the answer as survgraph had recorded the facts by the end of "
        "this day (null: as it holds them now)",
    )
    listed: bool = Field(description="a designation of its own is in force on as_of")
    designations: list[Designation] = Field(
        description="its own designations, one per list; ended ones have in_force false"
    )
    parents: list[Link] = Field(
        description="owners and controllers (SUBSIDIARY_OF, OWNED_BY, BRANCH_OF, CONTROLLED_BY "
        "targets, each edge with its share), by edges in force on as_of"
    )
    subsidiaries: SubsidiaryCount
    contracts: list[Link]
    parties: list[Link] = Field(description="for a contract: who is party to it")
    relations: list[Link] = Field(description="located in, awarded by, performed in, ...")
    linked: list[Link] = Field(
        default_factory=list,
        description="parties a list links to or from this entity (LINKED_TO, OFAC's 'Linked "
        "To'); a link in the list's words, never ownership",
    )
    brands: list[Link] = Field(
        default_factory=list,
        description="brands its products are sold under (Brand -[BRAND_OF]-> it), each cited",
    )
    mentions: list[Edge]
    names_as_listed: list[ListedName] = Field(
        default_factory=list,
        description="every list entry that names it, as the list writes it, and the "
        "judgement that joined each entry to it",
    )
    source_ids: list[str]
    sources: list[SourceRef] = Field(description="every source cited anywhere in this answer")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **ex.HAISHI,
                    "aliases": ["Urumqi Haishi Xinan"],
                    "attributes": {"country": "CN"},
                    "as_of": "2023-12-31",
                    "listed": True,
                    "designations": [ex.DESIGNATION],
                    "parents": [{"entity": ex.HIKVISION, "edge": ex.OWNED}],
                    "subsidiaries": {"direct": 0, "total": 0},
                    "contracts": [],
                    "parties": [],
                    "relations": [],
                    "mentions": [],
                    "source_ids": [],
                    "sources": [ex.FR_2023],
                }
            ]
        }
    )


class Subsidiary(Model):
    entity: EntityRef
    depth: int
    path: list[Edge] = Field(
        description="ownership and control edges from this entity up to the root (each says "
        "how it holds: ownership, branch or control, with its share)"
    )
    listed: bool = Field(description="one of its own designations is in force on as_of")
    designations: list[Designation] = Field(
        description="its own designations only: coverage derived through a parent is not one"
    )
    derived: DerivedCoverage | None = Field(
        default=None,
        description="with reached_by: what the rule concludes for it (covered or undetermined, "
        "with the aggregate and its contributions); never a listing",
    )


class SubsidiariesAnswer(Page[Subsidiary]):
    root: EntityRef
    depth: int
    listed: bool
    list_id: str | None = Field(validation_alias="list", serialization_alias="list")
    lists: list[str] | None = Field(default=None, description="designations considered")
    reached_by: str | None = Field(
        default=None,
        description="a scope rule id: only the entities it reaches (covered or undetermined) "
        "beyond those its lists name",
    )
    as_of: str
    known_at: str | None = Field(
        default=None,
        description="record time: the ownership edges and designations as survgraph had "
        "recorded them by the end of this day (null: now)",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [
                        {
                            "entity": ex.HAISHI,
                            "depth": 1,
                            "path": [ex.OWNED],
                            "listed": True,
                            "designations": [ex.DESIGNATION],
                        }
                    ],
                    root=ex.HIKVISION,
                    depth=6,
                    listed=True,
                    list=None,
                    lists=None,
                    as_of="2023-12-31",
                ),
                ex.page(
                    [
                        {
                            "entity": ex.HIKROBOT,
                            "depth": 1,
                            "path": [ex.HIKROBOT_OWNED],
                            "listed": False,
                            "designations": [],
                            "derived": ex.HIKROBOT_COVERED,
                        }
                    ],
                    root=ex.HIKVISION,
                    depth=6,
                    listed=False,
                    list=None,
                    lists=None,
                    reached_by="rule:bis-affiliates-50-percent",
                    as_of="2025-10-15",
                ),
            ]
        }
    )


class RuleVersion(Model):
    """One dated state of a scope rule: in force, suspended, or a span for which the graph
    records no status (`not_recorded`), from `from` (inclusive) until `until` (exclusive)."""

    status: Literal["in_force", "suspended", "not_recorded"]
    from_date: str | None = Field(default=None, validation_alias="from", serialization_alias="from")
    until: str | None = None
    citation: str | None = None
    note: str | None = None
    source_ids: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class Rule(Model):
    id: str
    name: str | None = None
    kind: str | None = None
    threshold_share: float | None = None
    lists: list[str] = Field(default_factory=list, description="the lists it reaches from")
    status: str | None = Field(default=None, description="the recorded status")
    status_on_as_of: str | None = Field(
        default=None,
        description="in_force | suspended | not_recorded | not_yet_in_force | expired on as_of "
        "(the version that covers the day; not_recorded: no version does)",
    )
    status_reason: str | None = None
    from_date: str | None = Field(default=None, validation_alias="from", serialization_alias="from")
    until: str | None = None
    versions: list[RuleVersion] = Field(default_factory=list, description="oldest first")
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


class Contribution(Model):
    """One stake held in the entity and what it adds to the aggregate: its owner (and whether
    the rule covers the owner), the stake's share, every claim about it with its sources, and
    a chain of stakes from the entity up to a listed party through this owner."""

    owner: EntityRef
    relation: Literal["ownership", "branch", "control"]
    owner_state: Literal["listed", "possibly_listed", "covered", "undetermined", "not_covered"]
    share: ShareInterval = Field(description="the stake (claims combined for as_of)")
    adds: ShareInterval = Field(
        description="what it adds to the aggregate: its share when the owner is covered, "
        "nothing to the minimum when the owner is only possibly covered, nothing at all when "
        "the owner cannot be; control without a stated share adds nothing (OFAC FAQ 398)"
    )
    claims: list[Edge] = Field(description="every claim about this stake, each with sources")
    used: list[str] = Field(description="fact ids of the claims the share comes from")
    path: list[Edge] = Field(description="a chain from the entity up to a listed party")


class DerivedCoverage(Model):
    """What one scope rule concludes for the entity on as_of, through its owners' and
    controllers' listings. Computed at query time (graph/coverage.py), never a listing.

    For a 50 % rule (`ownership_threshold`): the stakes held in the entity by parties the
    rule covers are added up, over share intervals (`aggregate_share`); a covered owner counts
    whole (no multiplication down a chain, OFAC FAQ 401). `covered` when the minimum reaches
    the threshold, `not_covered` when the maximum stays below it, else `undetermined`, naming
    what is unknown. A rule not in force that day (or whose status is not recorded) says so.
    For a `subsidiaries_and_affiliates` rule: a chain of subsidiary or branch edges up to a
    listed party."""

    list_ref: EntityRef = Field(
        validation_alias="list", serialization_alias="list", description="the listed party's list"
    )
    rule: Rule
    rule_version: RuleVersion | None = Field(
        default=None, description="the version in force on as_of, or the last one known"
    )
    outcome: Literal["covered", "not_covered", "undetermined"]
    reason: str = Field(description="the outcome in plain words")
    aggregate_share: ShareInterval | None = Field(
        default=None,
        description="50 % rules: the sum of the stakes held by parties the rule (possibly) "
        "covers, as an interval",
    )
    threshold_share: float | None = None
    contributions: list[Contribution] = Field(
        default_factory=list, description="every stake held in the entity, largest first"
    )
    through: EntityRef | None = Field(
        default=None, description="the listed party the chain `path` leads to"
    )
    owner_designation: Designation | None = Field(
        default=None, description="that party's designation on as_of"
    )
    path: list[Edge] = Field(
        default_factory=list, description="a chain of edges from the entity up to that party"
    )
    shares: list[str] = Field(
        default_factory=list, description="the share of each edge of `path`, in words"
    )


class ExposureAnswer(Page[Exposure]):
    """`direct`: the entity is named on the list (its own designation in force on as_of).
    `derived`: a list's scope rule reaches it through a listed owner (covered, not_covered or
    undetermined, with the reason); derived is never a listing. `results` (paginated) keeps
    every designation around the entity: its own, its parents' and its subsidiaries'."""

    entity: EntityRef
    depth: int
    as_of: str
    known_at: str | None = Field(
        default=None,
        description="record time: the answer as survgraph had recorded the facts by the end of "
        "this day (null: as it holds them now)",
    )
    lists: list[str] | None = None
    summary: str
    direct: list[Designation]
    direct_not_in_force: list[Designation] = Field(
        description="own designations not in force on as_of (ended, not yet, only vaguely dated)"
    )
    derived: list[DerivedCoverage]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [
                        {
                            "relation": "self",
                            "holder": ex.HAISHI,
                            "designation": ex.DESIGNATION,
                            "path": [],
                            "rules": [],
                        }
                    ],
                    entity=ex.HAISHI,
                    depth=6,
                    as_of="2023-12-31",
                    lists=None,
                    summary="On 2023-12-31: named on 1 list(s) (list:us-bis-entity-list). "
                    "Derived through owners' listings (not listings): covered: "
                    "rule:ndaa-889-subsidiary-affiliate via company:hikvision; "
                    "undetermined: none; not covered: none.",
                    direct=[ex.DESIGNATION],
                    direct_not_in_force=[],
                    derived=[
                        {
                            "list": {"id": "list:us-ndaa-889", "labels": ["List"]},
                            "rule": ex.RULE,
                            "outcome": "covered",
                            "reason": "a subsidiary or branch of a listed party; the rule "
                            "reaches subsidiaries and affiliates (derived; not a listing)",
                            "through": ex.HIKVISION,
                            "owner_designation": {**ex.DESIGNATION, "list": ex.BIS},
                            "path": [ex.OWNED],
                            "shares": ["more than 0% (size not stated)"],
                        }
                    ],
                ),
                ex.page(
                    [],
                    entity=ex.HIKROBOT,
                    depth=6,
                    as_of="2025-10-15",
                    lists=None,
                    summary="On 2025-10-15: named on 0 list(s). Derived through owners' "
                    "listings (not listings): covered: rule:bis-affiliates-50-percent via "
                    "company:hikvision; undetermined: none; not covered: none.",
                    direct=[],
                    direct_not_in_force=[],
                    derived=[ex.HIKROBOT_COVERED],
                ),
            ]
        }
    )


class Neighborhood(Model):
    center: EntityRef
    depth: int
    nodes: list[EntityRef]
    edges: list[Edge]
    truncated: bool

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "center": ex.HAISHI,
                    "depth": 1,
                    "nodes": [ex.HAISHI, ex.HIKVISION, ex.BIS],
                    "edges": [{**ex.OWNED, "sources": []}, {**ex.LISTED, "sources": []}],
                    "truncated": False,
                }
            ]
        }
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
    known_at: str | None = Field(
        default=None,
        description="record time: designations and ownership links as survgraph had recorded "
        "them by the end of this day (null: now)",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [
                        {
                            "kind": "designation_added",
                            "date": "2019-10-09",
                            "precision": "day",
                            "subject": ex.BIS,
                            "citation": "84 FR 54002",
                            "source_ids": ["source:fr-2019-10-09-84fr54002"],
                            "sources": [{"id": "source:fr-2019-10-09-84fr54002"}],
                        }
                    ],
                    entity=ex.HIKVISION,
                    as_of="2019-12-31",
                )
            ]
        }
    )
