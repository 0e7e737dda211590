"""The review queue's decisions: accept, reject and undo a filed item, and read the queue.

Every decision is kept: a step is appended to the item's `history` (JSON strings) with who and
when; a rejection records the candidates as *not* this input (`rejected_ids`), which the
resolver honours from then on (a negative judgement); an undo reverses an accept (deleting what
it wrote) or a reject, and the item is pending again. Items are filed by
`loaders.resolution.judgements`.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from graph.db import Graph, Tx, run
from graph.errors import BadRequest, NotFound
from graph.model import ENTITY_LABELS, FACT_TYPES, fact_id, with_decided_from
from loaders.resolution.judgements import ENTITY_PLACEHOLDER, FTM_REF, now
from loaders.resolution.normalize import normalize


def default_reviewer() -> str:
    """Who decides when `--by` is not given: the login name, else 'cli'."""
    try:
        return os.environ.get("USER") or getpass.getuser() or "cli"
    except (KeyError, OSError):
        return "cli"


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


def _event(action: str, by: str, at: str, **details: Any) -> str:
    """One history line; `at` is the decision's one instant, the same its facts are stamped
    with (two clock readings may fall in different seconds)."""
    return json.dumps({"action": action, "by": by, "at": at, **details}, ensure_ascii=False)


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
    chosen, new_entity = _chosen(item, entity_id, new)
    facts = _facts(item)
    for fact in facts:
        if fact.get("type") not in FACT_TYPES:
            raise BadRequest(f"{item_id}: unknown relationship type {fact.get('type')!r}")
    acceptance = _Acceptance(item, chosen, new_entity if new else None, facts, by)
    return graph.transaction(acceptance.run)


def _chosen(
    item: Mapping[str, Any], entity_id: str | None, new: bool
) -> tuple[str, dict[str, Any] | None]:
    """The entity an accept settles on, and the entity the item proposed creating."""
    item_id = item["id"]
    raw_entity = item.get("proposed_entity_json")
    new_entity: dict[str, Any] | None = json.loads(raw_entity) if raw_entity else None
    if new:
        if new_entity is None:
            raise BadRequest(f"{item_id} proposes no new entity; choose one with --entity")
        if new_entity.get("label") not in ENTITY_LABELS:
            raise BadRequest(f"{item_id}: unknown label {new_entity.get('label')!r}")
        return str(new_entity["id"]), new_entity
    chosen = entity_id or (item["candidates"][0]["id"] if item["candidates"] else "")
    if not chosen:
        raise BadRequest(f"{item_id} has no candidate; give --entity ID (or --new)")
    return chosen, new_entity


class _Acceptance:
    """One accept, as one transaction: create the proposed entity (on `new`), write the
    held-back facts, add the names, link a list entry, and record the decision."""

    def __init__(
        self,
        item: dict[str, Any],
        chosen: str,
        new_entity: dict[str, Any] | None,
        facts: list[dict[str, Any]],
        by: str | None,
    ) -> None:
        self.item, self.item_id, self.chosen = item, str(item["id"]), chosen
        self.new_entity, self.facts = new_entity, facts
        self.reviewer = by or default_reviewer()
        self.at = now()
        raw = item.get("entity_props_json")
        self.enrich: dict[str, Any] = json.loads(raw) if raw else {}

    def run(self, tx: Tx) -> dict[str, Any]:
        created = self.create(tx)
        by_ftm = self.ftm_ids(tx)
        rows, skipped = _fact_rows(self.item, self.facts, self.chosen, by_ftm)
        written = (
            run(tx, "review/apply_facts", rows=rows, review_id=self.item_id, at=self.at)
            if rows
            else []
        )
        added = self.add_names(tx, created)
        facts_written = [w["fact_id"] for w in written if w["written"]]
        if self.item.get("kind") == "csl_entry":
            sources = sorted({s for row in rows for s in row["props"].get("source_ids", [])})
            run(
                tx,
                "review/link_entry",
                review_id=self.item_id,
                entity_id=self.chosen,
                source_ids=sources,
            )
        self.decide(tx, created, added, facts_written, skipped)
        return {
            "id": self.item_id,
            "chosen_id": self.chosen,
            "created_entity": created,
            "facts_written": facts_written,
            "facts_skipped": skipped,
        }

    def create(self, tx: Tx) -> bool:
        if self.new_entity is None:
            return False
        result = run(
            tx,
            "review/create_entity",
            id=self.chosen,
            label=self.new_entity["label"],
            props=dict(self.new_entity.get("props") or {}),
            review_id=self.item_id,
            at=self.at,
        )
        return bool(result and result[0]["created"])

    def ftm_ids(self, tx: Tx) -> dict[str, str]:
        """FtM ids the held-back facts name, to entity ids (the chosen one's own included)."""
        refs = sorted(
            {
                str(end)[len(FTM_REF) :]
                for fact in self.facts
                for end in (fact["start"], fact["end"])
                if str(end).startswith(FTM_REF)
            }
        )
        found = run(tx, "review/entity_ids", ids=[self.chosen], ftm_ids=refs)[0]
        if self.chosen not in found["found"]:
            raise NotFound(f"no entity {self.chosen!r} to accept {self.item_id} for")
        by_ftm = {pair[0]: pair[1] for pair in found["ftm"]}
        by_ftm.update(dict.fromkeys(self.enrich.get("ftm_ids") or [], self.chosen))
        return by_ftm

    def add_names(self, tx: Tx, created: bool) -> dict[str, Any]:
        """The input's names join the chosen entity (a created one has them already)."""
        if not self.enrich:
            return {"new_aliases": [], "new_ftm_ids": []}
        result = run(
            tx,
            "review/enrich_entity",
            id=self.chosen,
            aliases=[] if created else list(self.enrich.get("aliases") or []),
            ftm_ids=list(self.enrich.get("ftm_ids") or []),
        )
        if created or not result:
            return {"new_aliases": [], "new_ftm_ids": []}
        return dict(result[0])

    def decide(
        self,
        tx: Tx,
        created: bool,
        added: Mapping[str, Any],
        facts_written: list[str],
        skipped: list[str],
    ) -> None:
        props = {
            "status": "accepted",
            "decision": "new" if created or self.new_entity is not None else "match",
            "chosen_id": self.chosen,
            "decided_by": self.reviewer,
            "decided_at": self.at,
            "applied_aliases": list(added["new_aliases"]),
            "applied_ftm_ids": list(added["new_ftm_ids"]),
            "applied_fact_ids": facts_written,
        }
        event = _event(
            "accept",
            self.reviewer,
            self.at,
            chosen_id=self.chosen,
            facts=facts_written,
            skipped=skipped,
            created=created,
        )
        run(tx, "review/decide", id=self.item_id, props=props, event=event)


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
        props = with_decided_from(dict(fact.get("props") or {}))
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
    reviewer, at = by or default_reviewer(), now()
    rejected = [entity_id] if entity_id else [c["id"] for c in item["candidates"]]
    props = {
        "status": "rejected",
        "decision": "reject",
        "rejected_ids": rejected,
        "decided_by": reviewer,
        "decided_at": at,
        "normalized_input": item.get("normalized_input") or normalize(str(item["input"])),
    }
    graph.write(
        "review/decide",
        id=item_id,
        props=props,
        event=_event("reject", reviewer, at, rejected_ids=rejected),
    )
    return {"id": item_id, "rejected_ids": rejected}


def undo(graph: Graph, item_id: str, by: str | None = None) -> dict[str, Any]:
    """Reverse an accept (delete what it wrote) or a reject; the item is pending again."""
    item = get_item(graph, item_id)
    status = item.get("status")
    if status not in ("accepted", "rejected"):
        raise BadRequest(f"{item_id} is {status}: nothing to undo")
    reviewer, at = by or default_reviewer(), now()

    def work(tx: Tx) -> dict[str, Any]:
        deleted = removed = 0
        if status == "accepted":
            result = run(
                tx,
                "review/undo",
                id=item_id,
                at=at,
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
            at,
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


__all__ = ["accept", "default_reviewer", "get_item", "list_items", "reject", "undo"]
