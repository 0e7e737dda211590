"""The index a load resolves against: the graph's entities, then the load's own records.

Why: one legal person named on several lists (or twice on one) must become one entity, so a
record has to meet the records of the same load before it, not only what the graph held
before the load. The index holds the graph's entities and, after them, every record of the
load in file order; a record sees the graph and the records before it (`View.visible`), so
the index grows as the load goes. A record already settled counts as the entity it settled
on (`View.canonical`): it and that entity are one candidate, never each other's runner-up. A
record left in review is not there at all: nothing is merged through an uncertain pair.

The order is the file's, so a load killed part-way and rerun decides every record as the
clean load did: the records the killed run wrote are settled again from the graph before
any record is resolved.

On top of the names, the evidence (`loaders.resolution.evidence`) of the record and of the
candidate entity (its graph evidence and that of every record settled on it) decides:
evidence against turns a name match into a review; a shared identifier turns a review into
a match; a shared identifier alone, names apart, is a review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rigour.names.org_types import replace_org_types_compare

from graph.db import Graph
from loaders.resolution.decision import Candidate, Decision, IndexEntry, Judgement, ResolverConfig
from loaders.resolution.evidence import Evidence, Weighing, weigh
from loaders.resolution.graph_index import acronyms, graph_entries, negative_pairs, place_synonyms
from loaders.resolution.normalize import COMMON_DESCRIPTORS, name_variants, normalize
from loaders.resolution.plan import NamePlan, combine
from loaders.resolution.ranking import View
from loaders.resolution.resolver import Resolver

__all__ = ["LoadIndex", "LoadRecord", "RecordDecision", "TargetIndex"]

# Full registered names (places are identity, nothing is an omission); at most 12 forms
# scored per name, none whose estimate is under the review threshold: the pre-ranking's
# estimate puts the name itself first among the forms that hold it, and a load resolves
# every row of a list.
LOAD_CONFIG = ResolverConfig(lenient_places=False, max_scored=12, prune_below=0.5)
_EXCLUSIVE_SCHEMES = frozenset({"uscc", "tax", "registration", "imo", "swift"})
# Below this name score, without a shared identifier, a likeness is not worth a person's
# time (a shared country or city is too common to rescue it): the
# resolver's review band was made for a pasted name against the graph, and a load's records
# against each other meet many more such likenesses (shared given names, shared descriptors).
WEAK_DOUBT = 0.7
# A name score this high is the same name once normalised.
EXACT = 0.999
# A word this long is coined, not a surname or an ordinary word ("Mirza", "Planar").
COINED_LENGTH = 8


def primary_form(name: str) -> str:
    """The name as compared, without a final bracketed acronym."""
    return normalize(name_variants(name)[0])


@dataclass(frozen=True, slots=True)
class LoadRecord:
    """One record as the load offers it: its key (unique in the load), its names (the name
    first, then the list's alias lines), the labels it may resolve among, its own label, and
    its evidence."""

    key: str
    names: tuple[str, ...]
    labels: tuple[str, ...]
    own_label: str
    evidence: Evidence
    group: str = ""  # the list it is an entry of


@dataclass(frozen=True, slots=True)
class RecordDecision:
    """A record's judgement, with the evidence weighed and whether it met a record of this
    load (rather than an entity the graph had)."""

    plan: NamePlan
    weighing: Weighing | None = None
    on_record: bool = False
    # A person joined an entity this load made from a row that did not say person or
    # organisation: the entity is a person.
    as_person: bool = False

    @property
    def judgement(self) -> Judgement:
        return self.plan.judgement

    @property
    def explanation(self) -> str:
        decision = self.plan.decision
        text = decision.explanation if decision is not None else "no candidate"
        if self.plan.via and decision is not None and self.plan.via != decision.input:
            text = f"via {self.plan.via!r}: {text}"
        return text


class LoadIndex:
    """The graph's entities and one load's records, resolved in file order."""

    def __init__(
        self,
        graph: Graph,
        records: Sequence[LoadRecord],
        config: ResolverConfig | None = None,
        exclude_source: str | None = None,
        exclude_made_for: str | None = None,
    ) -> None:
        rows = graph_entries(graph, exclude_source, exclude_made_for)
        graph_part = [entry for entry, _ in rows]
        own = [IndexEntry(r.key, r.names[0], _index_labels(r), r.names[1:]) for r in records]
        self.entries = graph_part
        self.resolver = Resolver.build(
            [*graph_part, *own],
            config or LOAD_CONFIG,
            synonyms=place_synonyms(graph_part),
            expansions=acronyms([*graph_part, *own]),
        )
        self.position = {r.key: len(graph_part) + i for i, r in enumerate(records)}
        self.records = {r.key: r for r in records}
        self.evidence: dict[str, Evidence] = {entry.id: ev for entry, ev in rows}
        self.names: dict[str, str] = {entry.id: entry.name for entry in graph_part}
        self.graph_ids = frozenset(self.names)
        self.canonical: dict[str, str] = {}
        self.hidden: set[str] = set()
        self.listed: dict[str, dict[str, set[str]]] = {}
        self.by_identifier: dict[tuple[str, str], set[str]] = {}
        for entry_id, ev in self.evidence.items():
            self._index_identifiers(entry_id, ev)
        self.rejected = negative_pairs(graph)

    def __len__(self) -> int:
        return len(self.resolver)

    def targets(self, config: ResolverConfig | None = None) -> TargetIndex:
        """The index once the load's records are settled, for the names its entries state
        (parents, links): the load's index is built once and serves both."""
        return TargetIndex(self, config or ResolverConfig())

    # -- the growing part ------------------------------------------------------------------

    def settle(self, record: LoadRecord, entity_id: str | None) -> None:
        """The record is decided: from now on it is `entity_id` (None: it waits in review and
        is invisible to the records after it)."""
        if entity_id is None:
            self.hidden.add(record.key)
            return
        self.canonical[record.key] = entity_id
        by_list = self.listed.setdefault(entity_id, {})
        by_list.setdefault(record.group, set()).add(primary_form(record.names[0]))
        before = self.evidence.get(entity_id, Evidence())
        self.evidence[entity_id] = before.merged(record.evidence)
        self.names.setdefault(entity_id, record.names[0])
        self._index_identifiers(entity_id, record.evidence)

    def _index_identifiers(self, entity_id: str, evidence: Evidence) -> None:
        for scheme, value, _ in evidence.identifiers:
            if scheme in _EXCLUSIVE_SCHEMES:
                self.by_identifier.setdefault((scheme, value), set()).add(entity_id)

    # -- resolving -------------------------------------------------------------------------

    def resolve(self, record: LoadRecord) -> RecordDecision:
        """The record against the graph and the records before it, names then evidence."""
        view = View(visible=self.position[record.key], canonical=self.canonical)
        decisions = [(name, self._resolve_name(name, record, view)) for name in record.names]
        plan = combine(decisions)
        if plan.judgement is Judgement.MATCH:
            return self._checked_match(record, plan)
        if plan.judgement is Judgement.REVIEW:
            return self._reviewed(record, plan)
        return self._by_identifier(record, plan)

    def _resolve_name(self, name: str, record: LoadRecord, view: View) -> Decision:
        exclude: set[str] = self.hidden
        if self.rejected:
            rejected = self.rejected.get(normalize(name))
            if rejected:
                exclude = self.hidden | rejected
        return self.resolver.resolve(name, labels=record.labels, exclude_pairs=exclude, view=view)

    def _checked_match(self, record: LoadRecord, plan: NamePlan) -> RecordDecision:
        """A name match stands unless the evidence, or the list itself, speaks against it."""
        entity_id = plan.entity_id
        assert entity_id is not None and plan.decision is not None
        weighing = weigh(record.evidence, self.evidence.get(entity_id, Evidence()))
        objection = self._objection(record, plan, entity_id, weighing)
        if objection is not None:
            judgement, why = objection
            doubted = _with(plan.decision, judgement, f"{judgement.value}: {why}")
            if judgement is Judgement.NONE:
                doubted = replace(doubted, entity=None)
            return RecordDecision(NamePlan(judgement, doubted, plan.via), weighing)
        confirmed = _with(plan.decision, Judgement.MATCH, weighing.text())
        on_record = entity_id not in self.graph_ids
        labels = plan.decision.entity.labels if plan.decision.entity else ()
        as_person = on_record and record.own_label == "Person" and "Company" in labels
        return RecordDecision(
            NamePlan(Judgement.MATCH, confirmed, plan.via), weighing, on_record, as_person
        )

    def _objection(
        self, record: LoadRecord, plan: NamePlan, entity_id: str, weighing: Weighing
    ) -> tuple[Judgement, str] | None:
        """Why a name match may not stand: conclusive evidence or the list's own two entries
        (none), doubtful evidence or a name too common or too personal to stand alone
        (review)."""
        assert plan.decision is not None
        if weighing.different:
            return Judgement.NONE, weighing.text()
        twin = self._listed_apart(record, entity_id)
        if twin is not None:
            return Judgement.NONE, f"the list names {twin!r} as an entry of its own"
        if weighing.conflict:
            return Judgement.REVIEW, weighing.text()
        if weighing.for_:
            return None
        via = plan.via or record.names[0]
        labels = plan.decision.entity.labels if plan.decision.entity else ()
        # A person: either side said so (an untyped row may be either, and says nothing).
        if record.own_label == "Person" or (labels and "Person" in labels and len(labels) == 1):
            if not _whole_name_alone(via, plan.decision):
                return Judgement.REVIEW, "a person's name alone, not a whole name without rival"
        elif (
            _one_word(via)
            and not _long_unrivalled(via, plan.decision)
            and not self._listed_alike(record, entity_id)
            and not _same_registered_name(via, plan.decision)
            and not _same_registered_name(record.names[0], plan.decision)
        ):
            return Judgement.REVIEW, "a one-word name alone, with no evidence"
        return None

    def _listed_alike(self, record: LoadRecord, entity_id: str) -> bool:
        """The same list already names the entity so: another tranche or edition of one
        entry, one party listed twice (a person's namesakes are told apart by evidence)."""
        names = self.listed.get(entity_id, {}).get(record.group, set())
        return primary_form(record.names[0]) in names

    def _listed_apart(self, record: LoadRecord, entity_id: str) -> str | None:
        """An entry of the same list under another name already on the entity: the list
        itself keeps the two apart (the same name listed twice is one party listed twice)."""
        names = self.listed.get(entity_id, {}).get(record.group)
        if not names:
            return None
        mine = primary_form(record.names[0])
        return None if mine in names else sorted(names)[0]

    def _reviewed(self, record: LoadRecord, plan: NamePlan) -> RecordDecision:
        """A doubt on the names that one shared identifier settles, if no other candidate
        shares one and nothing speaks against it."""
        decision = plan.decision
        if decision is None or decision.entity is None:
            return RecordDecision(plan)
        if not decision.plausible:
            return self._implausible(record, plan, decision)
        # A doubt of the names themselves, not forms of the record pointing at two entities
        # (a borrowed alias against the record's own name): only such a doubt the very name
        # settles.
        margin_only = decision.decision is Judgement.REVIEW
        if margin_only and _exact_over_near(decision):
            matched = _with(decision, Judgement.MATCH, "the name is exact, the runner-up only near")
            return self._checked_match(record, NamePlan(Judgement.MATCH, matched, plan.via))
        via = plan.via or record.names[0]
        if margin_only and _registered_over_namesake(via, decision):
            note = "the name as registered is the best's own, no other candidate carries it"
            matched = _with(decision, Judgement.MATCH, note)
            return self._checked_match(record, NamePlan(Judgement.MATCH, matched, plan.via))
        weighings = {
            c.id: weigh(record.evidence, self.evidence.get(c.id, Evidence()))
            for c in decision.candidates
        }
        top = weighings.get(decision.entity.id) or weigh(record.evidence, Evidence())
        sharing = [cid for cid, w in weighings.items() if w.shared_identifier]
        if top.shared_identifier and not top.conflict and sharing == [decision.entity.id]:
            matched = replace(
                _with(decision, Judgement.MATCH, f"match on a shared identifier: {top.text()}"),
                entity=decision.entity,
            )
            return RecordDecision(NamePlan(Judgement.MATCH, matched, plan.via), top)
        if top.different or (decision.score < WEAK_DOUBT and not top.shared_identifier):
            why = f"none: {top.text()}" if top.different else "none: a weak likeness, nothing else"
            dropped = replace(_with(decision, Judgement.NONE, why), entity=None)
            return RecordDecision(NamePlan(Judgement.NONE, dropped, plan.via), top)
        noted = _with(decision, Judgement.REVIEW, top.text())
        return RecordDecision(NamePlan(Judgement.REVIEW, noted, plan.via), top)

    def _implausible(
        self, record: LoadRecord, plan: NamePlan, decision: Decision
    ) -> RecordDecision:
        """Two different names that share some words are no doubt about one name, unless an
        identifier says they are one party: then a person decides."""
        assert decision.entity is not None
        top = weigh(record.evidence, self.evidence.get(decision.entity.id, Evidence()))
        if top.shared_identifier and not top.conflict:
            noted = _with(decision, Judgement.REVIEW, top.text())
            return RecordDecision(NamePlan(Judgement.REVIEW, noted, plan.via), top)
        why = "none: the names differ (each has a word the other lacks, or only descriptors agree)"
        dropped = replace(_with(decision, Judgement.NONE, why), entity=None)
        return self._by_identifier(record, NamePlan(Judgement.NONE, dropped, plan.via))

    def _by_identifier(self, record: LoadRecord, plan: NamePlan) -> RecordDecision:
        """No name is close, but one entity shares an identifier: a reviewer should look."""
        sharing = {
            entity
            for scheme, value, _ in record.evidence.identifiers
            if scheme in _EXCLUSIVE_SCHEMES
            for entity in self.by_identifier.get((scheme, value), ())
        }
        if len(sharing) != 1:
            return RecordDecision(plan)
        entity_id = next(iter(sharing))
        weighing = weigh(record.evidence, self.evidence.get(entity_id, Evidence()))
        name = self.names.get(entity_id, entity_id)
        candidate = Candidate(entity_id, name, 0.0, name, record.labels)
        why = f"review: the names differ but {weighing.text()}"
        decision = Decision(
            record.names[0], Judgement.REVIEW, candidate, 0.0, None, (candidate,), why
        )
        return RecordDecision(NamePlan(Judgement.REVIEW, decision, record.names[0]), weighing)


def _exact_over_near(decision: Decision) -> bool:
    """A doubt only of margin where the best is the very name and every other candidate only
    near it ("Huawei Technologies" against "Huawei Technology", a list's own spelling
    twins): the margin guards against a coin flip, and there is none here."""
    others = [c.score for c in decision.candidates if c.id != getattr(decision.entity, "id", "")]
    return decision.score >= EXACT and all(score < EXACT for score in others)


def _one_word(name: str) -> bool:
    """A name that is one word, perhaps with a descriptor ("Mirza", "Chitron Electronics"):
    namesakes share such names as often as one party does."""
    words = normalize(name).split()
    return len(words) <= 2 and len([w for w in words if w not in COMMON_DESCRIPTORS]) == 1


def _long_unrivalled(name: str, decision: Decision) -> bool:
    """A one-word name long enough to be coined ("Beltechexport", "Rosoboronexport"), not
    a surname or a common word, and no other candidate near it."""
    words = [w for w in normalize(name).split() if w not in COMMON_DESCRIPTORS]
    return len(words[0]) >= COINED_LENGTH and _rival(decision) < 0.8


def _same_registered_name(name: str, decision: Decision) -> bool:
    """The name as registered, legal form and all, is the very text the entity carries
    ("Huawei Technologies Co., Ltd."), not a short form that namesakes share: one word
    and a legal form, the same words on both sides once punctuation and case are set aside."""
    if decision.entity is None:
        return False
    mine = _registered(name)
    return len(_letters(name)) > len(normalize(name).split()) and _carries(decision.entity, mine)


def _carries(candidate: Candidate, words: list[str]) -> bool:
    """The candidate's name, or the form it scored by, is these words exactly."""
    return words in (_registered(candidate.name), _registered(candidate.alias))


def _registered(name: str) -> list[str]:
    """The words of a name with its legal form written one way (rigour's comparison forms:
    "Limited" and "Ltd.", "Anonim Sirketi" and "A.S."), case and punctuation aside."""
    return _letters(replace_org_types_compare(name_variants(name)[0].casefold()))


def _registered_over_namesake(name: str, decision: Decision) -> bool:
    """A doubt only of margin between names alike once normalised ("China Telecom
    Corporation Limited", "China Telecommunications Corporation") where the best carries the
    name as registered, legal form and all, and no other candidate does."""
    if not _same_registered_name(name, decision):
        return False
    mine = _letters(name)
    best = getattr(decision.entity, "id", "")
    return not any(_carries(c, mine) for c in decision.candidates if c.id != best)


def _letters(name: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in name.casefold()).split()


def _rival(decision: Decision) -> float:
    return decision.candidates[1].score if len(decision.candidates) > 1 else 0.0


def _whole_name_alone(name: str, decision: Decision) -> bool:
    """A person's whole name (two words or more) matched exactly, with no other person of a
    close name: the most a name alone can say of a person."""
    return decision.score >= EXACT and len(normalize(name).split()) >= 2 and _rival(decision) < 0.8


def _index_labels(record: LoadRecord) -> tuple[str, ...]:
    """A record that may be a person (an untyped row) is found by a search for people too."""
    if "Person" in record.labels and record.own_label != "Person":
        return (record.own_label, "Person")
    return (record.own_label,)


def _with(decision: Decision, judgement: Judgement, note: str) -> Decision:
    explanation = f"{decision.explanation}; {note}" if note else decision.explanation
    return replace(decision, decision=judgement, explanation=explanation)


class TargetIndex:
    """A load's index as a pasted name sees it, after every record is settled.

    Why: a list entry states its parent or a link by name ("a subsidiary of X"), and X must be
    found among the graph's entities and the load's own entries alike, the way the graph will
    hold them once the load is written: a settled record counts as its entity, a record left
    in review is not there, and a pair a reviewer rejected is never proposed. The names are
    judged by a pasted name's rules (`ResolverConfig()`: a name may omit a place), as
    `GraphResolver` judges them.
    """

    def __init__(self, index: LoadIndex, config: ResolverConfig) -> None:
        self.index = index
        self.resolver = index.resolver.with_config(config)

    def resolve(self, name: str, labels: tuple[str, ...] | None = None) -> Decision:
        index = self.index
        exclude: set[str] = index.hidden
        rejected = index.rejected.get(normalize(name)) if index.rejected else None
        if rejected:
            exclude = index.hidden | rejected
        view = View(canonical=index.canonical)
        return self.resolver.resolve(name, labels=labels, exclude_pairs=exclude, view=view)
