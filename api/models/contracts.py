"""The answer of GET /contracts: government contracts with their parties, places, sources."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from api.models import examples as ex
from api.models.common import Link, Model, Page, SourceRef


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


_XINJIANG = {"id": "place:cn-xinjiang", "name": "Xinjiang", "labels": ["Place"]}
_CONTRACT = {
    "id": "contract:moyu-safe-city",
    "name": "Moyu County safe city project",
    "awarded": "2017-06-01",
    "status": "terminated",
    "parties": [
        {
            "entity": ex.HIKVISION,
            "edge": {"type": "PARTY_TO", "from": "company:hikvision", "to": "contract:x"},
        }
    ],
    "awarded_by": [],
    "performed_in": [
        {"entity": _XINJIANG, "edge": {"type": "PERFORMED_IN", "from": "contract:x", "to": "p"}}
    ],
    "source_ids": ["source:reuters-2024-12-hikvision-xinjiang"],
    "status_source_ids": [],
    "sources": [{"id": "source:reuters-2024-12-hikvision-xinjiang", "publisher": "Reuters"}],
}


class ContractsAnswer(Page[Contract]):
    company: str | None
    region: str | None
    status: str | None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page([_CONTRACT], company=None, region="place:cn-xinjiang", status=None)
            ]
        }
    )
