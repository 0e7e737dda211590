"""The answer of GET /paths: shortest paths, each edge with its sources."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from api.models import examples as ex
from api.models.common import Edge, EntityRef, Model, Page


class Path(Model):
    length: int
    nodes: list[EntityRef]
    edges: list[Edge]


class PathsAnswer(Page[Path]):
    as_of: str
    known_at: str | None = Field(
        default=None,
        description="record time: the paths over the facts survgraph had recorded by the end "
        "of this day, edges deleted since included (null: as it holds them now)",
    )
    source: EntityRef
    target: EntityRef
    max_hops: int
    rels: list[str]
    truncated: bool
    message: str

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [{"length": 1, "nodes": [ex.HAISHI, ex.BIS], "edges": [ex.LISTED]}],
                    limit=25,
                    as_of="2024-06-30",
                    source=ex.HAISHI,
                    target=ex.BIS,
                    max_hops=4,
                    rels=["SUBSIDIARY_OF", "BRANCH_OF", "LISTED_ON"],
                    truncated=False,
                    message="1 shortest path(s) of length 1",
                )
            ]
        }
    )
