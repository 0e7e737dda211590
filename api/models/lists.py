"""The answers of GET /lists, GET /lists/{id}/entities and GET /changes."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from api.models import examples as ex
from api.models.common import Designation, EntityRef, Model, Page, SourceRef


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
    known_at: str | None = Field(
        default=None,
        description="record time: the entries counted as survgraph had recorded them by the end "
        "of this day (null: now); a list's freshness is always its latest load's",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [
                        {
                            **ex.BIS,
                            "short_name": "Entity List",
                            "jurisdiction": "US",
                            "kind": "export_control",
                            "legal_basis": "15 CFR 744.11",
                            "administered_by": [
                                {"id": "gov:us-bis", "name": "Bureau of Industry and Security"}
                            ],
                            "recorded": 12,
                            "in_force": 11,
                            "source_ids": ["source:fr-2019-10-09-84fr54002"],
                            "sources": [{"id": "source:fr-2019-10-09-84fr54002"}],
                        }
                    ],
                    as_of="2024-06-30",
                )
            ]
        }
    )


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
    known_at: str | None = Field(
        default=None,
        description="record time: the designations as survgraph had recorded them by the end "
        "of this day (null: now)",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [{"entity": ex.HAISHI, "designation": ex.DESIGNATION}],
                    list=ex.BIS,
                    since=None,
                    until=None,
                    as_of="2023-12-31",
                    include_ended=False,
                )
            ]
        }
    )


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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [
                        {
                            "id": "change:csl-2024-06-01-1",
                            "at": "2024-06-01T06:00:00Z",
                            "kind": "added",
                            "list": ex.BIS,
                            "entry_id": "csl:entity-list:8821",
                            "name": "Urumqi Haishi Xinan Electronic Technology",
                            "entity_id": "company:urumqi-haishi-xinan",
                            "run_id": "run:csl-2024-06-01",
                        }
                    ],
                    since="2024-06-01",
                    until=None,
                    list="list:us-bis-entity-list",
                    kinds=["added"],
                )
            ]
        }
    )
