"""The review queue: doubtful resolutions wait here for a person, and every decision is kept.

Loaders never guess. When `GraphResolver` answers `review` (or, for an article, finds a
company-like name it cannot place), the loader files a `ReviewItem` holding the facts it
would have written (`proposed_*`), and writes nothing for that input. A reviewer then:

* accepts: the chosen entity (default: the top candidate) gets the held-back facts, each
  relationship tagged with the item's `review_id`; or, with `new=True`, the entity the item
  proposed is created instead;
* rejects: the candidates are recorded as *not* this input (`rejected_ids`), which
  `GraphResolver` honours from then on (a negative judgement);
* undoes: an accept or a reject is reversed; the item goes back to pending.

Every step is appended to the item's `history` (JSON strings), with who and when.

ReviewItem properties (shared with the CSL loader): id, status (pending|accepted|rejected),
kind, input, normalized_input, candidates_json ([{id, name, score}]), explanation,
created_at, proposed_type, proposed_end, proposed_props_json, and kind-specific fields.
Beyond those, this module understands `proposed_facts_json` (several held-back facts; an
endpoint "$entity" is the chosen entity, "ftm:<id>" an entity known by its FtM id),
`proposed_entity_json` ({id, label, props}: what to create on an accept with `new=True`) and
`entity_props_json` ({aliases, ftm_ids}: names to add to the chosen entity).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph.db import Graph, Tx, run
from graph.errors import BadRequest, NotFound
from graph.writer import ENTITY_LABELS, RELATION_TYPES
from loaders.curated import fact_id
from loaders.normalize import normalize

FACT_TYPES = RELATION_TYPES | {"MENTIONED_IN"}
ENTITY_PLACEHOLDER = "$entity"
FTM_REF = "ftm:"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_reviewer() -> str:
    """Who decides when `--by` is not given: the login name, else 'cli'."""
    try:
        return os.environ.get("USER") or getpass.getuser() or "cli"
    except (KeyError, OSError):
        return "cli"


def review_id(kind: str, text: str, context: str) -> str:
    """Stable: the same doubtful input from the same place files the same item on a reload."""
    digest = hashlib.sha1(f"{kind}|{normalize(text)}|{context}".encode()).hexdigest()
    return f"review:{digest[:16]}"


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
    return [
        {"id": c.id, "name": c.name, "score": round(float(c.score), 4)}
        for c in getattr(decision, "candidates", ())
    ]


def file_proposals(graph: Graph, proposals: Sequence[Proposal]) -> int:
    """Write review items (idempotent on their ids); returns how many rows were sent."""
    unique = {p.id: p.row() for p in proposals}
    if unique:
        graph.write_rows("review/upsert", list(unique.values()))
    return len(unique)


# -- reading ------------------------------------------------------------------------------


def _item(row: Mapping[str, Any]) -> dict[str, Any]:
    item = dict(row["item"])
    item["about_id"] = row.get("about_id")
    try:
        item["candidates"] = json.loads(item.get("candidates_json") or "[]")
    except json.JSONDecodeError:
        item["candidates"] = []
    return item


def list_items(
    graph: Graph, status: str = "pending", kind: str | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    rows = graph.read("review/list", status=status, kind=kind, limit=limit)
    return [_item(r) for r in rows]


def get_item(graph: Graph, item_id: str) -> dict[str, Any]:
    row = graph.read_one("review/get", id=item_id)
    if row is None:
        raise NotFound(f"no review item {item_id!r}")
    item = _item(row)
    item["about_labels"] = row.get("about_labels") or []
    return item


# -- deciding -----------------------------------------------------------------------------


def _facts(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The held-back facts: the list form, else the single proposed_type/end/props form."""
    raw = item.get("proposed_facts_json")
    if raw:
        facts = json.loads(raw)
        if facts:
            return list(facts)
    if item.get("proposed_type") and item.get("proposed_end"):
        props = json.loads(item.get("proposed_props_json") or "{}")
        return [
            {
                "type": item["proposed_type"],
                "start": ENTITY_PLACEHOLDER,
                "end": item["proposed_end"],
                "props": props,
            }
        ]
    return []


def _event(action: str, by: str, **details: Any) -> str:
    return json.dumps({"action": action, "by": by, "at": now(), **details}, ensure_ascii=False)


def accept(
    graph: Graph,
    item_id: str,
    entity_id: str | None = None,
    new: bool = False,
    by: str | None = None,
) -> dict[str, Any]:
    """Settle a pending item for an entity (default: the top candidate) or, with `new`, for
    the entity the item proposed creating. Returns a summary of what was written."""
    item = get_item(graph, item_id)
    if item.get("status") != "pending":
        raise BadRequest(f"{item_id} is {item.get('status')}, not pending (undo it first)")
    reviewer = by or default_reviewer()
    raw_entity = item.get("proposed_entity_json")
    new_entity: dict[str, Any] | None = json.loads(raw_entity) if raw_entity else None
    if new:
        if new_entity is None:
            raise BadRequest(f"{item_id} proposes no new entity; choose one with --entity")
        if new_entity.get("label") not in ENTITY_LABELS:
            raise BadRequest(f"{item_id}: unknown label {new_entity.get('label')!r}")
        chosen = str(new_entity["id"])
    else:
        chosen = entity_id or (item["candidates"][0]["id"] if item["candidates"] else "")
        if not chosen:
            raise BadRequest(f"{item_id} has no candidate; give --entity ID (or --new)")
    facts = _facts(item)
    for fact in facts:
        if fact.get("type") not in FACT_TYPES:
            raise BadRequest(f"{item_id}: unknown relationship type {fact.get('type')!r}")
    enrich = json.loads(item["entity_props_json"]) if item.get("entity_props_json") else {}

    def work(tx: Tx) -> dict[str, Any]:
        created = False
        if new and new_entity is not None:
            result = run(
                tx,
                "review/create_entity",
                id=chosen,
                label=new_entity["label"],
                props=dict(new_entity.get("props") or {}),
                review_id=item_id,
            )
            created = bool(result and result[0]["created"])
        refs = sorted(
            {
                str(end)[len(FTM_REF) :]
                for fact in facts
                for end in (fact["start"], fact["end"])
                if str(end).startswith(FTM_REF)
            }
        )
        found = run(tx, "review/entity_ids", ids=[chosen], ftm_ids=refs)[0]
        if chosen not in found["found"]:
            raise NotFound(f"no entity {chosen!r} to accept {item_id} for")
        by_ftm = {pair[0]: pair[1] for pair in found["ftm"]}
        by_ftm.update(dict.fromkeys(enrich.get("ftm_ids") or [], chosen))
        rows, skipped = _fact_rows(item, facts, chosen, by_ftm)
        written = run(tx, "review/apply_facts", rows=rows, review_id=item_id) if rows else []
        added: dict[str, Any] = {"new_aliases": [], "new_ftm_ids": []}
        if enrich and not created:
            result = run(
                tx,
                "review/enrich_entity",
                id=chosen,
                aliases=list(enrich.get("aliases") or []),
                ftm_ids=list(enrich.get("ftm_ids") or []),
            )
            if result:
                added = result[0]
        elif enrich:
            run(
                tx,
                "review/enrich_entity",
                id=chosen,
                aliases=[],
                ftm_ids=list(enrich.get("ftm_ids") or []),
            )
        facts_written = [w["fact_id"] for w in written if w["written"]]
        if item.get("kind") == "csl_entry":
            sources = sorted({s for row in rows for s in row["props"].get("source_ids", [])})
            run(tx, "review/link_entry", review_id=item_id, entity_id=chosen, source_ids=sources)
        props = {
            "status": "accepted",
            "decision": "new" if created or new else "match",
            "chosen_id": chosen,
            "decided_by": reviewer,
            "decided_at": now(),
            "applied_aliases": list(added["new_aliases"]),
            "applied_ftm_ids": list(added["new_ftm_ids"]),
            "applied_fact_ids": facts_written,
        }
        event = _event(
            "accept",
            reviewer,
            chosen_id=chosen,
            facts=facts_written,
            skipped=skipped,
            created=created,
        )
        run(tx, "review/decide", id=item_id, props=props, event=event)
        return {
            "id": item_id,
            "chosen_id": chosen,
            "created_entity": created,
            "facts_written": facts_written,
            "facts_skipped": skipped,
        }

    return graph.transaction(work)


def _fact_rows(
    item: Mapping[str, Any],
    facts: Sequence[Mapping[str, Any]],
    chosen: str,
    by_ftm: Mapping[str, str],
) -> tuple[list[dict[str, Any]], list[str]]:
    rows: list[dict[str, Any]] = []
    skipped: list[str] = []

    def end_of(ref: str) -> str | None:
        if ref == ENTITY_PLACEHOLDER:
            return chosen
        if ref.startswith(FTM_REF):
            return by_ftm.get(ref[len(FTM_REF) :])
        return ref

    for fact in facts:
        start, end = end_of(str(fact["start"])), end_of(str(fact["end"]))
        if start is None or end is None:
            skipped.append(f"{fact['type']} {fact['start']} -> {fact['end']}: endpoint unresolved")
            continue
        props = dict(fact.get("props") or {})
        if not props.get("source_ids"):
            about = item.get("about_id")
            if about and "Source" in (item.get("about_labels") or []):
                props["source_ids"] = [about]
            else:
                skipped.append(f"{fact['type']} {start} -> {end}: no source_ids")
                continue
        # A list entry's LISTED_ON is keyed by its entry, as the CSL loader keys its own.
        key = str(fact.get("key") or props.get("key") or props.get("entry_id") or "")
        fid = str(fact.get("fact_id") or fact_id(str(fact["type"]), start, end, key))
        rows.append(
            {"type": fact["type"], "start": start, "end": end, "fact_id": fid, "props": props}
        )
    return rows, skipped


def reject(
    graph: Graph, item_id: str, by: str | None = None, entity_id: str | None = None
) -> dict[str, Any]:
    """Record that the input is NOT the candidates (or only `entity_id`): a negative judgement
    the resolver honours, so the pair is never auto-matched again."""
    item = get_item(graph, item_id)
    if item.get("status") != "pending":
        raise BadRequest(f"{item_id} is {item.get('status')}, not pending (undo it first)")
    reviewer = by or default_reviewer()
    rejected = [entity_id] if entity_id else [c["id"] for c in item["candidates"]]
    props = {
        "status": "rejected",
        "decision": "reject",
        "rejected_ids": rejected,
        "decided_by": reviewer,
        "decided_at": now(),
        "normalized_input": item.get("normalized_input") or normalize(str(item["input"])),
    }
    graph.write(
        "review/decide",
        id=item_id,
        props=props,
        event=_event("reject", reviewer, rejected_ids=rejected),
    )
    return {"id": item_id, "rejected_ids": rejected}


def undo(graph: Graph, item_id: str, by: str | None = None) -> dict[str, Any]:
    """Reverse an accept (delete what it wrote) or a reject; the item is pending again."""
    item = get_item(graph, item_id)
    status = item.get("status")
    if status not in ("accepted", "rejected"):
        raise BadRequest(f"{item_id} is {status}: nothing to undo")
    reviewer = by or default_reviewer()

    def work(tx: Tx) -> dict[str, Any]:
        deleted = removed = 0
        if status == "accepted":
            result = run(
                tx,
                "review/undo",
                id=item_id,
                chosen_id=item.get("chosen_id") or "",
                aliases=list(item.get("applied_aliases") or []),
                ftm_ids=list(item.get("applied_ftm_ids") or []),
            )
            deleted, removed = int(result[0]["deleted"]), int(result[0]["removed"])
        props: dict[str, Any] = {
            "status": "pending",
            "decision": None,
            "chosen_id": None,
            "rejected_ids": None,
            "decided_by": None,
            "decided_at": None,
            "applied_aliases": None,
            "applied_ftm_ids": None,
            "applied_fact_ids": None,
        }
        event = _event(
            "undo",
            reviewer,
            undid=status,
            chosen_id=item.get("chosen_id"),
            rejected_ids=item.get("rejected_ids"),
            relationships_deleted=deleted,
            entities_deleted=removed,
        )
        run(tx, "review/decide", id=item_id, props=props, event=event)
        return {
            "id": item_id,
            "undid": status,
            "relationships_deleted": deleted,
            "entities_deleted": removed,
        }

    return graph.transaction(work)


__all__ = [
    "Proposal",
    "accept",
    "candidates_of",
    "default_reviewer",
    "file_proposals",
    "get_item",
    "list_items",
    "reject",
    "review_id",
    "undo",
]
