"""What one list entry writes, as rows for the named statements in `cypher/load/`.

Why rows: the one batching writer (`graph.writer.BatchWriter`) commits each entry's rows
together, in statement order (the entry before what points at it), so a batch is all or
nothing and a rerun MERGEs the same keys. Every row cites the run's snapshot Source and
carries the run's origin (`loaders.pipeline.provenance`).
"""

from __future__ import annotations

import json
from typing import Any

from graph import model
from graph.model import change_id, fact_id, fact_version, recorded
from loaders.pipeline.entries import EntryPlan, new_entity, record_names
from loaders.pipeline.provenance import Run
from loaders.resolution import ENTITY_PLACEHOLDER, Judgement, Proposal, candidates_of, review_id
from loaders.sources import ListInfo

__all__ = [
    "END_STATEMENTS",
    "ENTRY_KIND",
    "STATEMENTS",
    "change_row",
    "judgement_row",
    "list_row",
    "listed_on_row",
    "plan_rows",
]

# One record's rows, in the order they commit (an entry before what points at it).
STATEMENTS = (
    "load/list_write_entries",
    "load/list_write_entities",
    "load/list_write_listed_on",
    "load/list_write_judgements",
    "review/upsert",
    "load/changes_write",
)
END_STATEMENTS = ("load/list_end_entries", "load/changes_write")
# The review kind of a list entry; part of review item ids, so the name it had when the CSL
# was the only list source stays.
ENTRY_KIND = "csl_entry"
RESOLVER = "survgraph resolver"


def entry_row(plan: EntryPlan) -> dict[str, Any]:
    r = plan.record
    return {
        "id": plan.id,
        "list_id": plan.list_info.id,
        "previous_row_hash": plan.previous_row_hash,
        "props": {
            "name": r.name,
            "alt_names": list(r.alt_names),
            "type": r.type,
            "programs": list(r.programs),
            "addresses": list(r.addresses),
            "countries": list(r.countries),
            "federal_register_notice": r.federal_register_notice,
            "start_date": r.start_date,
            "end_date": r.end_date,
            "entity_number": r.entity_number,
            "csl_id": r.uid,
            "title": r.title,
            "remarks": r.remarks,
            "source": r.list_label,  # the publisher's words for the list
            "source_list_url": r.source_list_url,
            "source_information_url": r.source_information_url,
            "row_hash": plan.row_hash,
            "rows": plan.rows,
            "until": r.end_date,
        },
    }


def _listed_on_props(plan: EntryPlan, run: Run) -> dict[str, Any]:
    r = plan.record
    precision = "day" if r.start_date else None
    return {
        "since": r.start_date,
        "since_precision": precision,
        "decided_from": model.decided_from(r.start_date, precision),
        "effective": r.start_date,
        "until": r.end_date,
        "until_precision": "day" if r.end_date else None,
        "citation": r.federal_register_notice,
        "name_as_listed": r.extra.get("listed_as") or r.name,
        "programs": list(r.programs),
        "note": r.extra.get("note"),
        "aliases_as_listed": list(r.alt_names),
        "previous_names": [n for n in (r.extra.get("previous_names") or "").split("; ") if n],
        "entry_id": plan.id,
        "source_ids": [run.source_id],
        "origin": run.origin,
        "ended_by_run": None,
        "end_reason": None,
    }


def listed_on_row(plan: EntryPlan, run: Run) -> dict[str, Any]:
    assert plan.entity_id is not None
    props = _listed_on_props(plan, run)
    row: dict[str, Any] = {
        "entity_id": plan.entity_id,
        "list_id": plan.list_info.id,
        "fact_id": fact_id("LISTED_ON", plan.entity_id, plan.list_info.id, plan.id),
        **{k: v for k, v in props.items() if k not in ("source_ids", "origin")},
        # An earlier load's (or a reviewer's) record of how the entry resolved is kept.
        "decision": None,
        "score": None,
        "alias": None,
        "input": None,
        "review_id": None,
        "version": fact_version(props),
        **recorded(run.run_id, run.at),
    }
    names = plan.names
    if names is not None and names.judgement is Judgement.MATCH and names.decision:
        row.update(
            decision="match",
            score=round(names.decision.score, 4),
            alias=names.decision.alias,
            input=names.via,
            review_id=review_id(ENTRY_KIND, plan.record.name, plan.id),
        )
    elif names is not None and names.judgement is Judgement.NONE:
        row["decision"] = "new"
    # Why the entry landed where it did, a merge's and a new entity's alike ("why not one?").
    row["explanation"] = plan.decided.explanation if plan.decided is not None else None
    return row


def _proposal(plan: EntryPlan, run: Run) -> Proposal:
    """The review item of an entry the resolver doubted: the LISTED_ON it holds back."""
    decision = plan.names.decision if plan.names else None
    explanation = plan.decided.explanation if plan.decided is not None else ""
    fact = {
        "type": "LISTED_ON",
        "start": ENTITY_PLACEHOLDER,
        "end": plan.list_info.id,
        "key": plan.id,
        "props": _listed_on_props(plan, run),
    }
    extra = {
        "entry_id": plan.id,
        "list_id": plan.list_info.id,
        "origin": run.origin,
        "source_ids": [run.source_id],
    }
    return Proposal(
        kind=ENTRY_KIND,
        input=plan.record.name,
        about_id=plan.id,
        context=plan.id,
        candidates=candidates_of(decision),
        explanation=explanation,
        facts=[fact],
        extra=extra,
    )


def judgement_row(plan: EntryPlan, run: Run) -> dict[str, Any]:
    """The recorded judgement of an entry that joined an entity already there (in the graph,
    or made by an earlier record of this load): accepted by the resolver, with its evidence,
    and reversible with `survgraph review undo` like a person's accept."""
    assert plan.entity_id is not None and plan.decided is not None
    record = plan.record
    proposal = _proposal(plan, run)
    label = "Person" if record.is_person else "Company"
    own_id = plan.left_entity or model.entity_id(label, record.name, plan.id)
    proposal.new_entity = new_entity(own_id, label, record, run.origin)
    row = proposal.row()
    weighing = plan.decided.weighing
    rule = "names" if weighing is None or not weighing.shared_identifier else "names + identifier"
    score = plan.decided.plan.decision.score if plan.decided.plan.decision else None
    row["props"].update(
        status="accepted",
        decision="match",
        chosen_id=plan.entity_id,
        decided_by=RESOLVER,
        decided_at=run.at,
        rule=rule,
        evidence=weighing.text() if weighing else None,
        score=round(score, 4) if score is not None else None,
        applied_fact_ids=[fact_id("LISTED_ON", plan.entity_id, plan.list_info.id, plan.id)],
        joined_record_of_load=plan.decided.on_record,
    )
    event = {
        "action": "accept",
        "by": RESOLVER,
        "at": run.at,
        "chosen_id": plan.entity_id,
        "rule": rule,
    }
    row.update(
        entity_id=plan.entity_id,
        entry_id=plan.id,
        names=list(record_names(record)),
        as_person=plan.decided.as_person,
        event=json.dumps(event, ensure_ascii=False),
    )
    return row


def change_row(
    run: Run, kind: str, entry_id: str, list_id: str, name: str | None, entity_id: str | None
) -> dict[str, Any]:
    return {
        "id": change_id(run.run_id, entry_id),
        "run_id": run.run_id,
        "at": run.at,
        "kind": kind,
        "entry_id": entry_id,
        "list_id": list_id,
        "name": name,
        "entity_id": entity_id,
    }


def plan_rows(plan: EntryPlan, run: Run) -> dict[str, list[dict[str, Any]]]:
    """Everything one entry writes, by statement (one record for the batching writer)."""
    rows: dict[str, list[dict[str, Any]]] = {"load/list_write_entries": [entry_row(plan)]}
    if plan.new_entity is not None:  # only the first entry of a new entity's key has it
        rows["load/list_write_entities"] = [{**plan.new_entity, "recorded_at": run.at}]
    if plan.entity_id is not None:
        rows["load/list_write_listed_on"] = [listed_on_row(plan, run)]
    if plan.outcome == Judgement.REVIEW:
        rows["review/upsert"] = [_proposal(plan, run).row()]
    if plan.outcome == Judgement.MATCH:
        rows["load/list_write_judgements"] = [judgement_row(plan, run)]
    if plan.change:
        name, list_id = plan.record.name, plan.list_info.id
        change = change_row(run, plan.change, plan.id, list_id, name, plan.entity_id)
        rows["load/changes_write"] = [change]
    return rows


def list_row(
    info: ListInfo, run: Run, entry_count: int, publisher_updated: str | None
) -> dict[str, Any]:
    """A list this file holds, with its freshness (the list's own name when it is new)."""
    return {
        "id": info.id,
        "name": info.name,
        "short_name": info.short_name,
        "authority": info.authority_name,
        "authority_id": info.authority_id,
        "administered_fact_id": fact_id("ADMINISTERED_BY", info.id, info.authority_id or ""),
        "loaded_at": run.at,
        "entry_count": entry_count,
        "publisher_updated": publisher_updated,
        "snapshot_source_id": run.source_id,
        "csl_source": info.name if not info.known else None,
    }
