"""The answer of GET /health."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict

from api.models.common import Model


class Health(Model):
    status: Literal["ok"]
    neo4j_version: str | None
    neo4j_edition: str | None
    nodes: int
    relationships: int

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "neo4j_version": "5.26.30",
                    "neo4j_edition": "community",
                    "nodes": 1234,
                    "relationships": 5678,
                }
            ]
        }
    )
