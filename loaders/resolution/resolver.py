"""In-memory entity resolver: map a pasted company name to one entity of the graph, or refuse.

A query's path, one module a step so that each can be read and changed alone: `forms` (the
token lists a name is), `blocking` (the few stored forms worth a look among millions, read
from `postings` with the `vocabulary`'s weights and typo lookup), `alignment` (each of them
against the input: a score, and a veto when a distinctive word is left over), `ranking`
(one row per entity, best first). Here the rows become a decision, and why so (users are
journalists; a wrong merge is the worst error):

* **Decision** — ``match`` only when the best entity passes the threshold without veto AND
  beats the best *different* entity by a margin; ``review`` when plausible; else ``none``.
  The runner-up is judged leniently (as if the input were a short form of it): precision
  first, ambiguity goes to review.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from loaders.resolution.alignment import Aligner, Alignment, QueryForm
from loaders.resolution.blocking import Blocker
from loaders.resolution.decision import Candidate, Decision, IndexEntry, Judgement, ResolverConfig
from loaders.resolution.forms import Synonyms
from loaders.resolution.postings import Postings
from loaders.resolution.ranking import SCORE_TIE, SEARCH_GRADE, Ranked, Ranker, View
from loaders.resolution.vocabulary import Vocabulary

__all__ = ["Resolver"]


NO_TOKEN = "no indexed name shares a token with the input"
NO_TOKEN_ASKED = "no name of the entities this question may match shares a token with the input"

# Forms the explanation of a filtered question scores to name whom the filter left out: its
# top three, not the whole pool a decision needs (a second ranking per unmatched name).
LEFT_OUT_SCORED = 8

# Names per entity id (entity id -> names): the names a `known_at` question leaves out.
Names = Mapping[str, Collection[str]]


class Resolver:
    """Pure in-memory index; build once from the graph's entities, then resolve many names."""

    __slots__ = (
        "_aligner",
        "_blocker",
        "_cfg",
        "_hidden",
        "_hidden_names",
        "_positions",
        "_postings",
        "_ranker",
        "_synonyms",
        "_vocabulary",
    )

    def __init__(
        self,
        postings: Postings,
        config: ResolverConfig | None = None,
        synonyms: Synonyms | None = None,
    ) -> None:
        """A resolver over built postings; :meth:`build` makes them from entries."""
        self._cfg = config or ResolverConfig()
        self._synonyms = synonyms or Synonyms.of()
        self._postings = postings
        vocabulary = Vocabulary(
            postings.vocab, postings.words, postings.df, len(postings.form_text)
        )
        self._vocabulary = vocabulary
        self._aligner = Aligner(vocabulary, self._cfg, postings.entity_places, postings.person)
        self._blocker = Blocker(postings, vocabulary, self._cfg)
        self._ranker = Ranker(postings, self._aligner)
        self._positions: dict[str, list[int]] | None = None  # id -> indices, made when asked
        self._hidden: tuple[Collection[str], npt.NDArray[np.int32]] | None = None
        self._hidden_names: tuple[Names, npt.NDArray[np.int32]] | None = None

    @classmethod
    def build(
        cls,
        entries: Iterable[IndexEntry],
        config: ResolverConfig | None = None,
        synonyms: Mapping[str, str] | None = None,
        expansions: Mapping[str, tuple[str, ...]] | None = None,
    ) -> Resolver:
        """Index entries; postings go to flat arrays (CSR) to stay lean at millions of names.

        ``synonyms`` maps normalised tokens to a canonical token on both the stored and the
        queried side: equivalent names of one thing, such as the pinyin, Uyghur and English
        names of one county (Luopu = Lop, Moyu = Karakax), which no spelling distance links.
        ``expansions`` maps an acronym token to the words it stands for, on both sides too
        ("cetc" -> china electronics technology group), so "38th Research Institute of CETC"
        meets "China Electronics Technology Group Corporation 38th Research Institute".
        """
        rewrites = Synonyms.of(synonyms, expansions)
        return cls(Postings.build(entries, rewrites.stored), config, rewrites)

    def __len__(self) -> int:
        """Number of entries indexed (entities, not name forms)."""
        return len(self._postings.ids)

    def with_config(self, config: ResolverConfig) -> Resolver:
        """The same index under other decision rules (a load's entries are full registered
        names, the parties they name are read like pasted names): the postings and the
        vocabulary with its typo index are shared, not rebuilt."""
        other = Resolver.__new__(Resolver)
        other._cfg = config
        other._synonyms = self._synonyms
        other._postings = self._postings
        other._vocabulary = self._vocabulary
        other._aligner = Aligner(
            self._vocabulary, config, self._postings.entity_places, self._postings.person
        )
        other._blocker = self._blocker.with_config(config)
        other._ranker = Ranker(self._postings, other._aligner)
        other._positions = self._positions
        other._hidden = None
        other._hidden_names = None
        return other

    def _rank(
        self,
        name: str,
        labels: Collection[str] | None,
        exclude: AbstractSet[str],
        max_scored: int,
        allowed: Collection[str] | None = None,
        view: View | None = None,
        tie: float = SCORE_TIE,
        depth: int | None = None,
        hidden: Collection[str] | None = None,
        hidden_names: Names | None = None,
    ) -> tuple[list[Ranked], list[QueryForm]]:
        """The entities `name` may be, ordered as `Ranker.order` orders them up to `depth`,
        and the query forms their rows' `query` indexes."""
        qforms = self._synonyms.query(name)
        if not qforms:
            return [], []
        form_limit = None
        if view is not None and view.visible is not None:
            first_form = self._postings.first_form
            form_limit = first_form[min(view.visible, len(first_form) - 1)]
        entities = self._entity_indices(allowed) if allowed is not None else None
        unseen = self._hidden_indices(hidden) if hidden else None
        unseen_forms = self._hidden_forms(hidden_names) if hidden_names else None
        fids = self._blocker.block(qforms, max_scored, form_limit, entities, unseen, unseen_forms)
        queries = [self._aligner.query_form(qt) for qt in qforms] if fids else []
        rows = self._ranker.score(fids, queries, labels, exclude, allowed, view)
        return self._ranker.order(rows, name, tie, depth), queries

    def _id_positions(self) -> dict[str, list[int]]:
        """Entity id -> its index positions, made when first asked."""
        if self._positions is None:
            positions: dict[str, list[int]] = {}
            for i, eid in enumerate(self._postings.ids):
                positions.setdefault(eid, []).append(i)
            self._positions = positions
        return self._positions

    def _entity_indices(self, allowed: Collection[str]) -> npt.NDArray[np.int32]:
        """The index positions of the allowed ids, sorted (an id may be there twice)."""
        positions = self._id_positions()
        found = [i for eid in allowed for i in positions.get(eid, ())]
        return np.array(sorted(found), dtype=np.int32)

    def _hidden_indices(self, hidden: Collection[str]) -> npt.NDArray[np.int32]:
        """`_entity_indices` of the hidden set, kept for the set last asked with: a batch
        passes one set for every name, and it can hold a whole load's entities."""
        last = self._hidden
        if last is not None and last[0] is hidden:
            return last[1]
        found = self._entity_indices(hidden)
        self._hidden = (hidden, found)
        return found

    def _hidden_forms(self, names: Names) -> npt.NDArray[np.int32]:
        """The forms made from the given names of the given entities (entity id -> names):
        the names survgraph added to an entity after a `known_at`. Kept for the mapping last
        asked with, like `_hidden_indices`. A form the entity's own name also makes stays."""
        last = self._hidden_names
        if last is not None and last[0] is names:
            return last[1]
        p = self._postings
        positions = self._id_positions()
        found = []
        for entity_id, texts in names.items():
            wanted = set(texts)
            for e in positions.get(entity_id, ()):
                for fid in range(p.first_form[e], p.first_form[e + 1]):
                    src = int(p.form_source[fid])
                    if src and p.aliases[e][src - 1] in wanted:
                        found.append(fid)
        forms = np.array(sorted(found), dtype=np.int32)
        self._hidden_names = (names, forms)
        return forms

    def _candidate(
        self, e: int, fid: int, score: float, canonical: Mapping[str, str] | None = None
    ) -> Candidate:
        p = self._postings
        eid = p.ids[e]
        if canonical:
            eid = canonical.get(eid, eid)
        return Candidate(eid, p.names[e], score, p.stored_text(e, fid), p.labels[e])

    def _decide(
        self, top_score: float, top_ok: float, margin: float, al: Alignment
    ) -> tuple[Judgement, str]:
        """The thresholds and the margin over a different entity: the judgement and why."""
        cfg = self._cfg
        if top_ok >= cfg.match_threshold and margin >= cfg.min_margin:
            return Judgement.MATCH, (
                f"match: score {top_ok:.3f} >= {cfg.match_threshold} and margin "
                f"{margin:.3f} >= {cfg.min_margin}"
            )
        if top_score < cfg.review_threshold:
            return Judgement.NONE, f"none: best score below review threshold {cfg.review_threshold}"
        why: list[str] = []
        if top_ok < cfg.match_threshold:
            if al.vetoed:
                why.append(al.veto_reason)
            else:
                why.append(f"score below match threshold {cfg.match_threshold}")
        elif margin < cfg.min_margin:
            why.append(f"margin {margin:.3f} over a different entity < {cfg.min_margin}")
        return Judgement.REVIEW, "review: " + "; ".join(why)

    # -- public API ----------------------------------------------------------------------------

    def resolve(
        self,
        name: str,
        labels: Collection[str] | None = None,
        exclude_pairs: AbstractSet[str] = frozenset(),
        allowed: Collection[str] | None = None,
        view: View | None = None,
        hidden: Collection[str] | None = None,
        hidden_names: Names | None = None,
    ) -> Decision:
        """Resolve one name to ``match`` / ``review`` / ``none`` with an auditable explanation.

        ``exclude_pairs`` are entity ids that a recorded human judgement says are NOT this
        input; they are skipped entirely so the runner-up margin is computed without them.
        A set, read as given: a load passes the records it holds in review, which grow with it.
        ``allowed`` (entity ids, or None for all) restricts the decision to those entities the
        same way: the others are neither the winner nor the runner-up. A ``view`` is how a
        load sees the index as it grows (`View`); sibling names are never candidates then.
        ``hidden`` (entity ids) are not in the index for this call at all, neither winner nor
        runner-up: the entities survgraph had not yet recorded at a `known_at`;
        ``hidden_names`` (entity id -> names) are names it had not yet added to them.
        """
        unseen = (hidden, hidden_names)
        found = self._resolve(name, labels, exclude_pairs, allowed, view, unseen)
        if found.decision == Judgement.MATCH:
            return found
        if not hidden and not hidden_names:
            # A lists filter alone: said without a second ranking (a screening job filtered by
            # lists would pay one for every unmatched row).
            if allowed is not None and found.explanation == NO_TOKEN:
                return replace(found, explanation=NO_TOKEN_ASKED)
            return found
        left = self._left_out(name, labels, exclude_pairs, unseen, found.score)
        if left is None:
            return found
        if found.explanation == NO_TOKEN:
            return replace(found, explanation=left)
        return replace(found, explanation=f"{found.explanation}; {left}")

    def _resolve(
        self,
        name: str,
        labels: Collection[str] | None,
        exclude_pairs: AbstractSet[str],
        allowed: Collection[str] | None,
        view: View | None,
        unseen: tuple[Collection[str] | None, Names | None],
    ) -> Decision:
        cfg = self._cfg
        view = view if view is not None else View()
        view.conflicts.clear()
        ranked, queries = self._rank(
            name,
            labels,
            exclude_pairs,
            cfg.max_scored,
            allowed=allowed,
            view=view,
            depth=cfg.max_candidates,
            hidden=unseen[0],
            hidden_names=unseen[1],
        )
        canon = view.canonical
        cands = tuple(
            self._candidate(r.entity, r.form, r.score, canon) for r in ranked[: cfg.max_candidates]
        )
        if not ranked:
            nothing = NO_TOKEN
            if view.conflicts:
                nothing = "no candidate but siblings: " + view.siblings()
            return Decision(name, Judgement.NONE, None, 0.0, None, (), nothing)
        top = ranked[0]
        # The runner-up is the most plausible DIFFERENT entity, judged leniently (as if the
        # input were a short form of it): precision first, ambiguity goes to review.
        runner = max(ranked[1:], key=lambda r: (max(r.score, r.lenient), -r.entity), default=None)
        runner_score = max(runner.score, runner.lenient) if runner else 0.0
        best = cands[0]
        # If the best form was vetoed but another form of the same entity was not, explain
        # the best form anyway: it is what the reviewer sees first.
        text = self._postings.form_text[top.form]
        al = self._aligner.align(queries[top.query], text.split(), top.entity, explain=True)
        parts = [f"best {best.id} ({best.name}) via alias {best.alias!r} score {top.score:.3f}"]
        if al.fuzzy:
            parts.append("near tokens " + ", ".join(al.fuzzy))
        if runner is not None:
            runner_id = self._postings.ids[runner.entity]
            runner_name = self._postings.names[runner.entity]
            parts.append(
                f"runner-up {canon.get(runner_id, runner_id)} ({runner_name}) "
                f"score {runner_score:.3f}"
            )
        else:
            parts.append("no runner-up")
        if view.conflicts:
            parts.append("siblings left out: " + view.siblings())
        decision, why = self._decide(top.score, top.ok, top.ok - runner_score, al)
        explanation = "; ".join([*parts, why])
        if decision == Judgement.NONE:
            return Decision(name, decision, None, top.score, None, cands, explanation)
        if decision == Judgement.MATCH:
            chosen = Candidate(best.id, best.name, top.ok, best.alias, best.labels)
            return Decision(name, decision, chosen, top.ok, best.alias, cands, explanation)
        return Decision(
            name, Judgement.REVIEW, best, top.score, best.alias, cands, explanation, al.plausible
        )

    def _left_out(
        self,
        name: str,
        labels: Collection[str] | None,
        exclude_pairs: AbstractSet[str],
        unseen: tuple[Collection[str] | None, Names | None],
        kept: float,
    ) -> str | None:
        """Who a filter (record time: `unseen` entities and names; lists: `allowed`) kept out
        that scores above what it kept (`kept`): "no name shares a token" or a weak best alone
        would read as "nobody of that name is known", where the name was there, recorded later
        or on other lists. A second ranking, without the filters and over a few forms, for
        the record-time questions that did not match (bench_screening --known-at measures it)."""
        ranked, _ = self._rank(name, labels, exclude_pairs, LEFT_OUT_SCORED, depth=3)
        later = unseen[0] or ()
        later_forms = self._hidden_forms(unseen[1]) if unseen[1] else np.empty(0, np.int32)
        named = []
        for row in ranked[:3]:
            if row.score <= kept:
                break
            entity_id = self._postings.ids[row.entity]
            why = "not among the entities asked"
            if entity_id in later:
                why = "recorded later"
            elif _holds(later_forms, row.form):
                why = f"name {self._postings.stored_text(row.entity, row.form)!r} recorded later"
            named.append(
                f"{entity_id} ({self._postings.names[row.entity]}, {why}) score {row.score:.3f}"
            )
        return "left out by the question's filter: " + ", ".join(named) if named else None

    def search(
        self,
        query: str,
        limit: int = 10,
        labels: Collection[str] | None = None,
        allowed: Collection[str] | None = None,
        hidden: Collection[str] | None = None,
        hidden_names: Names | None = None,
    ) -> list[Candidate]:
        """Ranked candidates for a search box: no veto or margin, just a looser score floor.
        ``allowed`` (entity ids, or None for all) keeps only those entities; ``hidden`` and
        ``hidden_names`` leave those entities and names out (see :meth:`resolve`)."""
        scored = max(self._cfg.max_scored, 6 * limit)
        ranked, _ = self._rank(
            query,
            labels,
            frozenset(),
            scored,
            allowed=allowed,
            tie=SEARCH_GRADE,
            depth=limit,
            hidden=hidden,
            hidden_names=hidden_names,
        )
        out: list[Candidate] = []
        for row in ranked:
            if row.score < self._cfg.search_min_score or len(out) >= limit:
                break
            out.append(self._candidate(row.entity, row.form, row.score))
        return out


def _holds(ordered: npt.NDArray[np.int32], value: int) -> bool:
    """Whether the sorted array holds `value` (a binary search, not a set built per call)."""
    at = int(np.searchsorted(ordered, value))
    return at < len(ordered) and int(ordered[at]) == value
