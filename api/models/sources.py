"""The answer of GET /sources/{id}: a source and the facts it supports."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from api.models import examples as ex
from api.models.common import Edge, EntityRef, Model, SourceRef


class SourceAnswer(Model):
    source: SourceRef
    nodes: list[EntityRef]
    nodes_total: int
    edges: list[Edge]
    edges_total: int
    cap: int
    former_ids: list[str] = Field(
        default_factory=list,
        description="ids the source had before (a list snapshot renamed for its real "
        "source, e.g. source:csl-... for OFAC's files); each still finds it here",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "source": ex.FR_2023,
                    "nodes": [ex.HAISHI],
                    "nodes_total": 1,
                    "edges": [{**ex.LISTED, "sources": []}],
                    "edges_total": 1,
                    "cap": 200,
                }
            ]
        }
    )
