"""The answers of GET /search and POST /resolve (the resolver's index), and the request."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from api.models import examples as ex
from api.models.common import EntityLabel, EntityRef, IsoDate, Model, Page
from api.models.sectors import SectorListing


class SearchHit(Model):
    id: str
    name: str
    score: float
    alias: str = Field(description="the stored name or alias that matched")
    labels: list[str]


class BrandMember(Model):
    """The brand's maker or one of the maker's owners, with its designations on as_of."""

    entity: EntityRef
    designations: list[SectorListing]


class BrandHit(Model):
    """A brand whose name matched: whose brand it is (cited) and, through the maker's
    owners, which designations it leads to."""

    brand: EntityRef
    score: float
    owner: EntityRef
    quote: str | None = None
    source_ids: list[str]
    group: list[BrandMember] = Field(
        description="the maker, then its owners and controllers (at most 3 steps up), each "
        "with its designations in force on as_of (today when as_of is not given)"
    )


class SearchAnswer(Page[SearchHit]):
    query: str
    brands: list[BrandHit] = Field(
        default_factory=list, description="brands whose name matched, and where they lead"
    )
    lists: list[str] | None = Field(
        default=None, description="only entities with a designation in force on these lists"
    )
    as_of: str | None = Field(default=None, description="the day `lists` is judged on")
    known_at: str | None = Field(
        default=None,
        description="record time: among the entities and names survgraph had recorded by the "
        "end of this day, on the lists as it held them then (null: now)",
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                ex.page(
                    [{**ex.HIKVISION, "score": 0.9412, "alias": "Hikvision"}],
                    limit=10,
                    query="Hikvision",
                    lists=None,
                    as_of=None,
                )
            ]
        }
    )


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
    known_at: IsoDate | None = Field(
        default=None,
        description="record time: resolve among the entities survgraph had recorded by the end "
        "of this day, by the names a load's or a reviewer's judgement had given them by then, "
        "on the lists as it held them then (null: now). Names from other sources (FtM files, "
        "registers, data/) carry no record time and always count",
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
    known_at: str | None = None

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "results": [
                        {
                            "input": "Hikvision",
                            "decision": "match",
                            "entity": ex.HIKVISION,
                            "score": 0.97,
                            "alias": "Hikvision",
                            "candidates": [
                                {"id": "company:hikvision", "name": "Hikvision", "score": 0.97},
                                {"id": "company:hikmicro", "name": "Hikmicro", "score": 0.41},
                            ],
                            "explanation": "score 0.970 >= 0.9; margin 0.560 >= 0.05",
                        }
                    ],
                    "total": 1,
                    "lists": None,
                    "as_of": None,
                }
            ]
        }
    )
