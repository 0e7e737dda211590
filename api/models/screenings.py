"""Screening jobs and watchlists: the answers of /screenings and /watchlists."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from api.models.common import Designation, Model
from api.models.entities import DerivedCoverage
from api.models.search import ResolveDecision

JobStatus = Literal["queued", "running", "done", "failed"]


class ListConsulted(Model):
    """A list a screening consulted, and how fresh survgraph's copy of it was."""

    id: str
    name: str | None = None
    loaded_at: str | None = Field(default=None, description="when survgraph last loaded it")
    publisher_updated: str | None = Field(default=None, description="the publisher's own date")
    snapshot_source_id: str | None = None
    snapshot_date: str | None = Field(default=None, description="the snapshot's date")


class Coverage(Model):
    """What a "no match" was checked against: the lists consulted (with their snapshot dates),
    the depth of ownership followed, and the sources the ownership answer rests on."""

    as_of: str
    known_at: str | None = Field(
        default=None,
        description="record time: screened against what survgraph had recorded by the end of "
        "this day (null: what it held when screened)",
    )
    lists: list[ListConsulted]
    ownership_depth: int
    ownership_sources: list[str] = Field(default_factory=list)
    note: str


class MalformedRow(Model):
    row: int
    line: int
    error: str


class ScreeningJob(Model):
    """A screening job's status and progress (`rows_total` is an estimate from the upload's
    line count until the job is done)."""

    id: str
    status: JobStatus
    format: Literal["csv", "jsonl"]
    as_of: str
    known_at: str | None = Field(
        default=None,
        description="record time: screened against what survgraph had recorded by the end of "
        "this day (null: what it held when screened)",
    )
    lists: list[str] | None
    created_at: str
    started_at: str | None = None
    finished_at: str | None = None
    rows_done: int
    rows_total: int
    rows_total_exact: bool
    rows_matched: int
    rows_malformed: int
    rate_rows_per_s: float | None = Field(default=None, description="rows screened per second")
    eta_s: float | None = Field(default=None, description="estimated seconds left")
    error: str | None = None
    malformed: list[MalformedRow] = Field(
        default_factory=list, description="the first 100 malformed rows, kept aside"
    )
    results: str = Field(description="where the results are read")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "scr-6f1c2a",
                    "status": "running",
                    "format": "csv",
                    "as_of": "2026-07-01",
                    "lists": None,
                    "created_at": "2026-07-01T09:00:00+00:00",
                    "started_at": "2026-07-01T09:00:01+00:00",
                    "rows_done": 12000,
                    "rows_total": 30000,
                    "rows_total_exact": False,
                    "rows_matched": 41,
                    "rows_malformed": 1,
                    "rate_rows_per_s": 850.0,
                    "eta_s": 21.2,
                    "malformed": [{"row": 7, "line": 9, "error": "line 9: no name"}],
                    "results": "/screenings/scr-6f1c2a/results",
                }
            ]
        }
    )


class ScreeningRow(Model):
    """One input row screened: the input, the resolver's decision (as POST /resolve gives it),
    the matched entity's designations in force on `as_of`, what scope rules derive for it
    through its owners (`exposure`), and the coverage statement."""

    row: int
    line: int
    status: Literal["screened", "malformed"]
    error: str | None = None
    input: dict[str, Any]
    decision: ResolveDecision | None = None
    designations: list[Designation] = Field(default_factory=list)
    exposure: list[DerivedCoverage] = Field(default_factory=list)
    coverage: Coverage | None = None


class Accepted(Model):
    """A job taken: follow it at `location`."""

    id: str
    status: JobStatus
    location: str

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": "scr-6f1c2a", "status": "queued", "location": "/screenings/scr-6f1c2a"}
            ]
        }
    )


class WatchlistRequest(Model):
    """A watchlist's members: entity ids, or the entities a screening job matched (or both)."""

    name: str = Field(min_length=1, max_length=200)
    entity_ids: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list, max_length=100_000
    )
    screening: str | None = Field(
        default=None, max_length=100, description="a screening job id: its matched entities"
    )

    model_config = ConfigDict(
        json_schema_extra={
            "example": {"name": "Camera suppliers", "entity_ids": ["company:hikrobot"]}
        }
    )


class WatchlistMember(Model):
    id: str
    name: str | None = None


class Watchlist(Model):
    id: str
    name: str
    created_at: str
    screening: str | None = None
    members: list[WatchlistMember]
    changes: str = Field(description="where its changes are read")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "wl-1a2b",
                    "name": "Camera suppliers",
                    "created_at": "2026-07-01T09:00:00.000+00:00",
                    "screening": None,
                    "members": [{"id": "company:hikrobot", "name": "Hangzhou Hikrobot Co., Ltd."}],
                    "changes": "/watchlists/wl-1a2b/changes",
                }
            ]
        }
    )


class PathStep(Model):
    """One ownership or control edge of the path from a member up to the changed entity."""

    type: str
    start: str
    end: str
    share: str | None = None
    source_ids: list[str] = Field(default_factory=list)


ChangeKind = Literal[
    "listing_added",
    "listing_modified",
    "listing_ended",
    "ownership_added",
    "ownership_ended",
    "ownership_modified",
    "stake_changed",
    "rule_version_changed",
]


class WatchlistChange(Model):
    """A change a load recorded for a member, or for an entity up its ownership and control
    paths (`via_path`), with the state before and after and the sources. Listing changes name
    the list entry; ownership changes (a claim added or ended, a stake changed) the fact, whose
    edge ends the path; a scope rule's version changes the rule, reached through a listed
    entity up the path."""

    at: str = Field(description="when survgraph recorded it (the load run)")
    kind: ChangeKind
    member: WatchlistMember
    entity: WatchlistMember = Field(description="the entity the change is about")
    via_path: bool = Field(description="true when the entity is up the member's paths")
    path: list[PathStep]
    list_id: str | None = Field(default=None, description="a listing change's list")
    entry_id: str | None = Field(default=None, description="a listing change's list entry")
    fact_id: str | None = Field(default=None, description="an ownership change's fact")
    rule_id: str | None = Field(default=None, description="a rule version change's rule")
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    run_id: str | None = Field(description="the load run that recorded it, where known")
    source_ids: list[str]


class WatchlistChanges(Model):
    watchlist: str
    since: str
    until: str | None = None
    known_at: str | None = Field(
        default=None, description="record time: the feed as it stood at the end of this day"
    )
    results: list[WatchlistChange]
    total: int
    limit: int
    offset: int

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "watchlist": "wl-1a2b",
                    "since": "2026-07-01",
                    "until": None,
                    "results": [
                        {
                            "at": "2026-07-08T12:00:00+00:00",
                            "kind": "listing_added",
                            "member": {"id": "company:hikrobot", "name": "Hangzhou Hikrobot"},
                            "entity": {"id": "company:hikvision", "name": "Hikvision"},
                            "via_path": True,
                            "path": [
                                {
                                    "type": "OWNED_BY",
                                    "start": "company:hikrobot",
                                    "end": "company:hikvision",
                                    "share": "60%",
                                    "source_ids": ["source:hikvision-annual-report-2024"],
                                }
                            ],
                            "list_id": "list:us-bis-entity-list",
                            "entry_id": "entry:us-bis-entity-list:0a1b",
                            "before": None,
                            "after": {"listed": True, "name": "Hikvision"},
                            "run_id": "run:csl-20260708T120000Z-aa18b1d7",
                            "source_ids": ["source:csl-aa18b1d784f61dc8"],
                        }
                    ],
                    "total": 1,
                    "limit": 100,
                    "offset": 0,
                }
            ]
        }
    )
