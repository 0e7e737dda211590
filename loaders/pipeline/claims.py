"""The relationships list entries state, written as cited claims after the entries.

For each entry the load resolved, `loaders.pipeline.statements` reads what it states (its
1260H parent, "subordinate institution", "branch of", "subsidiary of", a numbered unit, OFAC's
"Linked To"). Each target is resolved like any name (a pasted name's rules: places a name may
omit, `ResolverConfig()`) against the load's own index once every entry is settled in it
(`LoadIndex.targets`): the graph as it was, and every entry of the load as the entity it
resolved to, so the load's own new entities are candidates and a rerun, which settles the
same entries on the same entities, decides exactly like a clean load:

* match -> the claim on that entity;
* none -> an entity named as the list names it (a named party, not a guess), then the claim;
  except for a claim read from a name's shape alone (`confident_only`: a numbered unit, a
  "Branch of ..." split), which stands only on a confident match;
* review -> a pending review item holding the claim; nothing is written until a person decides.

Every claim is its own relationship, keyed by its entry, kind and target name
(`graph.model.fact_id`), so a curated fact and a list's claim about one pair, or two tranches'
claims, stay two claims, each with its sources. A claim carries `basis` (the list's words),
`claim_kind`, its dates, the entry, and the snapshot Source it comes from. A list names a
parent, never a figure, so an ownership claim's share is `not_stated` ((0, 100]: graph/shares).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from graph import model
from graph.db import Graph
from graph.shares import NOT_STATED
from graph.writer import BatchWriter, relation_rows
from loaders.pipeline.entries import EntryPlan
from loaders.pipeline.provenance import Run
from loaders.pipeline.statements import REL_TYPE, ClaimKind, Statement, statements_of
from loaders.resolution import (
    ENTITY_PLACEHOLDER,
    Decision,
    Judgement,
    LoadIndex,
    Proposal,
    TargetIndex,
    candidates_of,
    normalize,
    plan_names,
)

__all__ = ["ClaimCounts", "write_claims"]

STATEMENTS = ("load/list_write_entities", "load/claims_write", "review/upsert")
OWNER_LABELS = ("Company", "GovernmentBody")
LINK_LABELS = ("Company", "GovernmentBody", "Person")
_PERSON = re.compile(r"^[A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+)*, [A-Z][a-z]")
IN_REVIEW = ""  # the entity of an entry a person has yet to settle


@dataclass
class ClaimCounts:
    """What the report says of the claims: by kind, and how their targets resolved."""

    by_kind: Counter[str] = field(default_factory=Counter)
    targets: Counter[str] = field(default_factory=Counter)
    shares: Counter[str] = field(default_factory=Counter)  # ownership claims' shares by kind
    relationships_created: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "by_kind": dict(sorted(self.by_kind.items())),
            "targets": dict(sorted(self.targets.items())),
            "shares": dict(sorted(self.shares.items())),
            "relationships_created": self.relationships_created,
        }


@dataclass(frozen=True)
class _Claim:
    subject_id: str
    entry_id: str
    list_id: str
    since: str | None
    subject_as_listed: str
    statement: Statement

    @property
    def rel_type(self) -> str:
        return REL_TYPE[self.statement.kind]

    @property
    def key(self) -> str:
        target = normalize(self.statement.names[0]) or self.statement.names[0]
        return f"{self.entry_id}|{self.statement.kind.value}|{target}"


def _claims(plans: Iterable[EntryPlan], counts: ClaimCounts) -> list[_Claim]:
    """The statements of every entry, on the entity the entry resolved to; the statements of
    an entry still in review wait with it (counted, never dropped silently)."""
    out = []
    for plan in plans:
        for statement in statements_of(plan.record):
            for name in statement.subjects:  # other parties the remarks name: resolved later
                out.append(
                    _Claim("", plan.id, plan.list_info.id, plan.record.start_date, name, statement)
                )
            if statement.subjects:
                continue
            if plan.entity_id is None:
                counts.targets["subject_in_review"] += 1
                continue
            listed = plan.record.extra.get("listed_as") or plan.record.name
            out.append(
                _Claim(
                    plan.entity_id,
                    plan.id,
                    plan.list_info.id,
                    plan.record.start_date,
                    listed,
                    statement,
                )
            )
    return out


def _listed_names(plans: Iterable[EntryPlan]) -> dict[str, str]:
    """Normalised name of each entry this load resolved -> its entity, for the names that
    point at one entity only: a list that names a parent names it as it lists it. Aliases
    are left out (an acronym may name several things)."""
    seen: dict[str, set[str]] = {}
    for plan in plans:
        # An entry waiting in review holds its name back: a claim naming it waits too.
        entity = plan.entity_id or IN_REVIEW
        seen.setdefault(normalize(plan.record.name), set()).add(entity)
    return {key: next(iter(ids)) for key, ids in seen.items() if key and len(ids) == 1}


class _Targets:
    """Target resolution within one load: one decision per name form, one new entity per name."""

    def __init__(self, resolver: TargetIndex, listed: dict[str, str]) -> None:
        self.resolver = resolver
        self.listed = listed
        self.cache: dict[tuple[str, tuple[str, ...]], Decision] = {}
        # Entities this pass created for targets, by normalised name: the resolver was built
        # before them, and a rerun's resolver will see them, so they are looked up here first.
        self.created: dict[str, str] = {}

    def created_for(self, names: Iterable[str]) -> str | None:
        found = self.created_by_name(names)
        return found[1] if found else None

    def created_by_name(self, names: Iterable[str]) -> tuple[str, str] | None:
        """(the name, the entity) of the first name this pass created an entity for."""
        for name in names:
            found = self.created.get(normalize(name))
            if found is not None:
                return name, found
        return None

    def same_list(self, names: Iterable[str]) -> str | None:
        """The entity an entry of this load is listed under by the target's full name."""
        found = {self.listed.get(normalize(name)) for name in names} - {None}
        if IN_REVIEW in found:
            return IN_REVIEW
        return found.pop() if len(found) == 1 else None

    def resolve(self, labels: tuple[str, ...]) -> Callable[[str], Decision]:
        def one(name: str) -> Decision:
            key = (normalize(name), labels)
            if key not in self.cache:
                self.cache[key] = self.resolver.resolve(name, labels=labels)
            return self.cache[key]

        return one


def _props(claim: _Claim, run: Run, decision: str, score: float | None) -> dict[str, Any]:
    statement = claim.statement
    props: dict[str, Any] = {
        "since": claim.since,
        "since_precision": "day" if claim.since else None,
        "until": None,
        "basis": statement.basis,
        "claim_kind": statement.kind.value,
        "name_as_listed": statement.target_as_listed,
        "subject_as_listed": claim.subject_as_listed,
        "stated_in": statement.field,
        "entry_id": claim.entry_id,
        "list_id": claim.list_id,
        "origin": run.origin,
        "source_ids": [run.source_id],
        "decision": decision,
        "score": score,
        **model.recorded(run.run_id, run.at),
    }
    if statement.kind is ClaimKind.LINKED_TO:
        props["ownership"] = False  # OFAC's "Linked To" is a link, never a subsidiary
    if claim.rel_type in model.WALKED_TYPES:
        props.update(NOT_STATED.props())
    return props


def _relation(claim: _Claim, target_id: str, props: dict[str, Any]) -> dict[str, Any]:
    """The claims_write row: what the claim states (`props`), its version digest and the
    run's record-time stamp (kept apart, so a reload of the same statement keeps its own)."""
    fid = model.fact_id(claim.rel_type, claim.subject_id, target_id, claim.key)
    stated = {k: v for k, v in props.items() if k not in model.RECORD_KEYS}
    row = {
        "type": claim.rel_type,
        "start": claim.subject_id,
        "end": target_id,
        "fact_id": fid,
        "props": stated,
    }
    written = relation_rows([row])[0]
    written["version"] = model.fact_version(written["props"])
    written["recorded_at"] = props.get("recorded_at")
    written["recorded_run"] = props.get("recorded_run")
    return written


def _new_entity(claim: _Claim, run: Run) -> dict[str, Any]:
    """The target as the list names it (Person for OFAC's 'SURNAME, Given' links)."""
    name = claim.statement.names[0]
    linked = claim.statement.kind is ClaimKind.LINKED_TO
    label = "Person" if linked and _PERSON.match(name) else "Company"
    eid = model.entity_id(label, name, f"claim|{label}|{normalize(name) or name}")
    props = {
        "id": eid,
        "name": name,
        "aliases": list(claim.statement.names[1:]),
        "origin": run.origin,
        "made_for": "claim",  # a party an entry names, not an entry of its own
    }
    return {"id": eid, "label": label, "props": props, "recorded_at": run.at}


def _proposal(claim: _Claim, run: Run, decision: Decision | None, new: bool = True) -> Proposal:
    """The review item holding the claim; `new=False` when the list's words do not say
    where the target's name ends (no entity to propose creating)."""
    props = {
        k: v for k, v in _props(claim, run, "review", None).items() if k not in model.RECORD_KEYS
    }
    fact = {
        "type": claim.rel_type,
        "start": claim.subject_id,
        "end": ENTITY_PLACEHOLDER,
        "key": claim.key,
        "props": props,
    }
    extra = {
        "entry_id": claim.entry_id,
        "list_id": claim.list_id,
        "origin": props["origin"],
        "source_ids": [run.source_id],
    }
    return Proposal(
        kind="list_claim",
        input=claim.statement.target_as_listed,
        about_id=claim.entry_id,
        context=f"{claim.entry_id}|{claim.statement.kind.value}",
        candidates=candidates_of(decision),
        explanation=f"{claim.statement.basis}: {decision.explanation if decision else ''}",
        facts=[fact],
        new_entity=_new_entity(claim, run) if new else None,
        extra=extra,
    )


def _confident(claim: _Claim, targets: _Targets, labels: tuple[str, ...]) -> Decision | None:
    """A claim read from a name's shape: the first candidate name that matches confidently,
    and by the parent's full name (a stored name or alias equal to it once normalised), never
    by a part of it: "Aviation Industry Corporation" is not "... of China"."""
    for name in claim.statement.names:
        decision = targets.resolve(labels)(name)
        if (
            decision.decision is Judgement.MATCH
            and decision.entity is not None
            and normalize(decision.alias or "") == normalize(name)
        ):
            return decision
    return None


def _with_subject(
    claim: _Claim, targets: _Targets, run: Run
) -> tuple[_Claim | None, list[dict[str, Any]]]:
    """A claim about another party the remarks name: that party as the list names it,
    resolved like a target (this load's entries first), else created from the list's name;
    None while the resolver doubts who the party is (counted as a subject in review)."""
    if claim.subject_id:
        return claim, []
    name = claim.subject_as_listed
    listed = targets.same_list([name])
    if listed == IN_REVIEW:
        return None, []
    found = listed or targets.created_for([name])
    if not found:
        plan = plan_names([name], targets.resolve(OWNER_LABELS))
        if plan.judgement is Judgement.REVIEW:
            return None, []
        found = plan.entity_id
    if found:
        return replace(claim, subject_id=found), []
    new = _new_entity(replace(claim, statement=replace(claim.statement, names=(name,))), run)
    targets.created[normalize(name)] = new["id"]
    return replace(claim, subject_id=new["id"]), [new]


def _reading(claim: _Claim, name: str) -> _Claim:
    """The claim with the reading that matched as its target (and its key): a rerun, which
    finds the same entity by the same reading, writes the same relationship."""
    return replace(claim, statement=replace(claim.statement, names=(name,), as_listed=""))


def _confident_rows(
    claim: _Claim, targets: _Targets, run: Run, counts: ClaimCounts, labels: tuple[str, ...]
) -> dict[str, Any]:
    """A claim that stands only on a confident parent; without one, a name-shape claim says
    nothing, and a stated one whose parent's name has several readings goes to review."""
    created = targets.created_by_name(claim.statement.names)
    if created is not None:
        return _written(_reading(claim, created[0]), created[1], run, counts, "match", None)
    found = _confident(claim, targets, labels)
    if found is not None and found.entity is not None:
        read = _reading(claim, found.input)
        return _written(read, found.entity.id, run, counts, "match", found.score)
    if claim.statement.alternatives:
        counts.targets["review"] += 1
        return {"review/upsert": [_proposal(claim, run, None, new=False).row()]}
    counts.targets["not_confident"] += 1
    return {}


def _rows(claim: _Claim, targets: _Targets, run: Run, counts: ClaimCounts) -> dict[str, Any]:
    """One claim's rows by statement (empty when it names its own subject or, for a
    name-shape claim, no confident parent)."""
    linked = claim.statement.kind is ClaimKind.LINKED_TO
    labels = LINK_LABELS if linked else OWNER_LABELS
    if claim.statement.confident_only or claim.statement.alternatives:
        return _confident_rows(claim, targets, run, counts, labels)
    listed = targets.same_list(claim.statement.names[:1])
    if listed:
        return _written(claim, listed, run, counts, "same_list_entry", None)
    plan = plan_names(claim.statement.names, targets.resolve(labels))
    if plan.judgement is Judgement.REVIEW or listed == IN_REVIEW:
        counts.targets["review"] += 1
        return {"review/upsert": [_proposal(claim, run, plan.decision).row()]}
    if plan.entity_id is not None:
        score = plan.decision.score if plan.decision else None
        return _written(claim, plan.entity_id, run, counts, "match", score)
    created = targets.created_for(claim.statement.names[:1])
    if created is not None:
        return _written(claim, created, run, counts, "new", None)
    new = _new_entity(claim, run)
    targets.created[normalize(claim.statement.names[0])] = new["id"]
    rows = _written(claim, new["id"], run, counts, "new", None)
    return {"load/list_write_entities": [new], **rows} if rows else {}


def _written(
    claim: _Claim, target: str, run: Run, counts: ClaimCounts, how: str, score: float | None
) -> dict[str, Any]:
    if target == claim.subject_id:
        counts.targets["names_its_own_subject"] += 1
        return {}
    counts.targets[how] += 1
    counts.by_kind[claim.statement.kind.value] += 1
    props = _props(claim, run, how, round(score, 4) if score is not None else None)
    if "share_kind" in props:
        counts.shares[str(props["share_kind"])] += 1
    return {"load/claims_write": [_relation(claim, target, props)]}


def write_claims(
    graph: Graph, plans: Iterable[EntryPlan], run: Run, index: LoadIndex, batch_size: int = 2000
) -> ClaimCounts:
    """Resolve and write the claims of a load's entries (after the entries are written and
    settled in the load's index)."""
    counts = ClaimCounts()
    plans = list(plans)
    claims = _claims(plans, counts)
    if not claims:
        return counts
    targets = _Targets(index.targets(), _listed_names(plans))
    params = {"source_id": run.source_id}
    # Claims read from a name's shape last: they may stand on a target another claim created.
    claims.sort(key=lambda c: c.statement.confident_only or c.statement.alternatives)
    with BatchWriter(graph, STATEMENTS, batch_size, params) as writer:
        for stated in claims:
            claim, subject = _with_subject(stated, targets, run)
            if claim is None:
                counts.targets["subject_in_review"] += 1
                continue
            rows = _rows(claim, targets, run, counts)
            if subject:
                made = rows.get("load/list_write_entities", [])
                rows = {**rows, "load/list_write_entities": subject + made}
            if rows:
                writer.add(rows)
    counts.targets["entities_created"] = writer.created("load/list_write_entities")
    counts.relationships_created = writer.counts["relationships_created"]
    return counts
