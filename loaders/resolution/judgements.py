"""Judgements as loaders file them: one builder (`Proposal`) and one id scheme for every
review item, whichever loader doubts.

Loaders never guess. When the resolver answers `review` (or, for an article, finds a
company-like name it cannot place), the loader files a `ReviewItem` holding the facts it
would have written (`proposed_*`), and writes nothing for that input; a person then settles
it (`loaders.resolution.review`).

ReviewItem properties: id, status (pending|accepted|rejected), kind, input, normalized_input,
candidates_json ([{id, name, score}]), explanation, created_at, proposed_type, proposed_end,
proposed_props_json, and kind-specific fields; `proposed_facts_json` (several held-back facts;
an endpoint "$entity" is the chosen entity, "ftm:<id>" an entity known by its FtM id),
`proposed_entity_json` ({id, label, props}: what to create on an accept with `new=True`) and
`entity_props_json` ({aliases, ftm_ids}: names to add to the chosen entity).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph import model
from graph.db import Graph
from graph.writer import write_batches
from loaders.resolution.normalize import normalize

ENTITY_PLACEHOLDER = "$entity"
FTM_REF = "ftm:"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def review_id(kind: str, text: str, context: str) -> str:
    """Stable: the same doubtful input from the same place files the same item on a reload."""
    return model.review_id(kind, normalize(text), context)


@dataclass
class Proposal:
    """What a loader files when it may not decide: the input, the resolver's answer, and the
    facts it holds back until a person settles it."""

    kind: str
    input: str
    about_id: str
    context: str
    candidates: list[dict[str, Any]]
    explanation: str
    facts: list[dict[str, Any]] = field(default_factory=list)
    new_entity: dict[str, Any] | None = None
    entity_props: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return review_id(self.kind, self.input, self.context)

    def row(self) -> dict[str, Any]:
        props: dict[str, Any] = {
            "kind": self.kind,
            "input": self.input,
            "normalized_input": normalize(self.input),
            "candidates_json": json.dumps(self.candidates, ensure_ascii=False),
            "explanation": self.explanation,
            "proposed_facts_json": json.dumps(self.facts, ensure_ascii=False),
        }
        first = self.facts[0] if len(self.facts) == 1 else None
        if first is not None and first["start"] == ENTITY_PLACEHOLDER:
            props["proposed_type"] = first["type"]
            props["proposed_end"] = first["end"]
            props["proposed_props_json"] = json.dumps(first["props"], ensure_ascii=False)
        if self.new_entity is not None:
            props["proposed_entity_json"] = json.dumps(self.new_entity, ensure_ascii=False)
        if self.entity_props is not None:
            props["entity_props_json"] = json.dumps(self.entity_props, ensure_ascii=False)
        props.update(self.extra)
        return {"id": self.id, "about_id": self.about_id, "created_at": now(), "props": props}


def candidates_of(decision: Any) -> list[dict[str, Any]]:
    """The resolver's candidates in the stored shape."""
    return [_candidate(c) for c in getattr(decision, "candidates", ())]


def _candidate(c: Any) -> dict[str, Any]:
    score = round(float(c.score), 4)
    return {"id": c.id, "name": c.name, "score": score, "alias": c.alias, "labels": list(c.labels)}


def file_proposals(graph: Graph, proposals: Sequence[Proposal]) -> int:
    """Write review items (idempotent on their ids); returns how many rows were sent."""
    unique = {p.id: p.row() for p in proposals}
    write_batches(graph, "review/upsert", unique.values())
    return len(unique)


__all__ = [
    "ENTITY_PLACEHOLDER",
    "FTM_REF",
    "Proposal",
    "candidates_of",
    "file_proposals",
    "now",
    "review_id",
]
