"""The answers of GET /sectors and GET /sectors/{id}/entities: which vendors a source puts in a
sector, which of them (and of their groups) are listed on a day, since when, under which
notice."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from api.models import examples as ex
from api.models.common import EntityRef, Model, Page, SourceRef


class SectorRef(Model):
    id: str
    name: str
    description: str | None = None
    source_ids: list[str] = Field(default_factory=list)


class SectorSummary(Model):
    sector: SectorRef
    vendors: int = Field(description="entities a cited source puts in the sector")
    listed: int = Field(description="of which with a designation in force on as_of")


_SECTOR: dict[str, Any] = {
    "id": "sector:video-surveillance",
    "name": "video surveillance",
    "description": "cameras, recorders and video systems for surveillance",
    "source_ids": ["source:publ-115-232"],
}
_NDAA: dict[str, Any] = {
    "id": "source:publ-115-232",
    "title": "John S. McCain National Defense Authorization Act for Fiscal Year 2019",
    "kind": "regulation",
    "citation": "Pub. L. 115-232, sec. 889",
    "found": True,
}


class SectorsAnswer(Page[SectorSummary]):
    as_of: str
    known_at: str | None = Field(
        default=None,
        description="record time: the designations and group edges as survgraph had recorded "
        "them by the end of this day, edges deleted since included (null: now); a source's "
        "sector claims carry no record time",
    )
    sources: list[SourceRef]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [{"sector": _SECTOR, "vendors": 3, "listed": 3}],
                    as_of="2024-06-30",
                    sources=[_NDAA],
                )
            ]
        }
    )


class SectorClaim(Model):
    """A source's words putting the vendor in the sector."""

    quote: str | None = None
    source_ids: list[str]


class SectorListing(Model):
    """A designation in force on as_of: the list, since when, under which notice."""

    list_ref: EntityRef = Field(validation_alias="list", serialization_alias="list")
    since: str | None = None
    until: str | None = None
    citation: str | None = Field(default=None, description="the notice the listing cites")
    name_as_listed: str | None = None
    source_ids: list[str]


class ViaEdge(Model):
    type: str
    start: str
    end: str
    source_ids: list[str]


class GroupMember(Model):
    """A member of the vendor's group (it reaches the vendor through ownership, branch,
    control or a notice's affiliate edges) with its designations in force on as_of."""

    entity: EntityRef
    hops: int
    via: list[ViaEdge]
    designations: list[SectorListing]


class SectorVendor(Model):
    entity: EntityRef
    claims: list[SectorClaim]
    designations: list[SectorListing]
    members: list[GroupMember] = Field(description="listed members of the vendor's group")


_LISTING: dict[str, Any] = {
    "list": ex.BIS,
    "since": "2019-10-09",
    "until": None,
    "citation": "84 FR 54002",
    "name_as_listed": "Hangzhou Hikvision Digital Technology Co., Ltd.",
    "source_ids": ["source:fr-2019-10-09-84fr54002"],
}


class SectorEntitiesAnswer(Page[SectorVendor]):
    sector: SectorRef
    as_of: str
    known_at: str | None = Field(
        default=None,
        description="record time: the designations and group edges as survgraph had recorded "
        "them by the end of this day, edges deleted since included (null: now); a source's "
        "sector claims carry no record time",
    )
    listed: bool = Field(description="only vendors listed themselves or through a group member")
    sources: list[SourceRef]

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [
                        {
                            "entity": ex.HIKVISION,
                            "claims": [
                                {
                                    "quote": '"video surveillance and telecommunications '
                                    "equipment produced by ... Hangzhou Hikvision Digital "
                                    'Technology Company"',
                                    "source_ids": ["source:publ-115-232"],
                                }
                            ],
                            "designations": [_LISTING],
                            "members": [
                                {
                                    "entity": ex.HAISHI,
                                    "hops": 1,
                                    "via": [
                                        {
                                            "type": "SUBSIDIARY_OF",
                                            "start": ex.HAISHI["id"],
                                            "end": ex.HIKVISION["id"],
                                            "source_ids": ["source:fr-2019-10-09-84fr54002"],
                                        }
                                    ],
                                    "designations": [
                                        {**_LISTING, "name_as_listed": ex.HAISHI["name"]}
                                    ],
                                }
                            ],
                        }
                    ],
                    sector=_SECTOR,
                    as_of="2024-06-30",
                    listed=True,
                    sources=[_NDAA],
                )
            ]
        }
    )
