"""Name search and resolution over the resolver's in-memory index (api/search_index.py).

With `lists`, both look only among the entities with a designation in force (and decided) on
those lists that day; that set is the only thing they read from the graph.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from typing import Any

from api import checks
from api import convert as c
from api import models as m
from api.brands import BrandEntry, in_force, matches
from api.queries.steps import Query, read, read_one
from api.resolution import Decision, Judgement, config_of
from api.search_index import SearchIndex
from graph.settings import Settings


def listed_ids(lists: list[str], day: str, known_before: str | None = None) -> Query[set[str]]:
    """Entities with a designation in force (and decided) on `day` on one of `lists` (as
    survgraph held them before `known_before`, record time; none: now)."""
    rows = yield from read("api/listed_ids", lists=lists, as_of=day, known_before=known_before)
    return {str(r["id"]) for r in rows}


def recorded_later(known_before: str | None) -> Query[set[str] | None]:
    """The entities survgraph had not recorded yet before `known_before` (none: now)."""
    if known_before is None:
        return None
    row = yield from read_one("resolver/recorded_later", known_before=known_before)
    return {str(i) for i in (row or {}).get("ids") or ()}


def names_recorded_later(known_before: str | None) -> Query[dict[str, set[str]] | None]:
    """The names survgraph added to entities at or after `known_before` (entity id -> names):
    the names a load's or a reviewer's judgement joined to an entity it already held."""
    if known_before is None:
        return None
    found: dict[str, set[str]] = {}
    for row in (yield from read("resolver/names_recorded_later", known_before=known_before)):
        found.setdefault(str(row["entity_id"]), set()).update(str(a) for a in row["aliases"])
    return found


def is_cpu_only(
    index: SearchIndex, lists: str | Sequence[str] | None, known_at: str | None = None
) -> bool:
    """Whether `search` will answer from memory alone (no list filter or record time to look
    up, the index built and fresh), so a caller may run it without a thread."""
    return not lists and not known_at and index.ready()


def search(
    settings: Settings,
    index: SearchIndex,
    q: str,
    label: str | None = None,
    limit: int = 10,
    lists: str | Sequence[str] | None = None,
    as_of: str | None = None,
    known_at: str | None = None,
) -> Query[m.SearchAnswer]:
    """Names and brands that match `q`; with `lists`, only entities listed on them on `as_of`;
    with `known_at`, only the entities and names survgraph had recorded by the end of that
    day, on the lists as it held them then (brands carry no record time)."""
    query = checks.search_text(q)
    labels = checks.labels("label", [label] if label else None)
    limit = checks.page_limit(settings, limit)
    day = checks.as_of(as_of)
    as_of_day = day
    wanted = yield from checks.known_lists("lists", lists)
    known_before = checks.known_before(known_at)
    allowed = (yield from listed_ids(wanted, day, known_before)) if wanted else None
    hidden = yield from recorded_later(known_before)
    later_names = yield from names_recorded_later(known_before)
    hits = index.resolver().search(
        query,
        limit=limit,
        labels=labels,
        allowed=allowed,
        hidden=hidden,
        hidden_names=later_names,
    )
    results = [c.search_hit(h) for h in hits]
    brands = [_brand_hit(s, e, as_of_day) for s, e in matches(index.brands(), query, limit)]
    if not labels or "Company" in labels:
        results = _with_makers(results, brands, allowed, limit)
    return m.SearchAnswer(
        query=query,
        results=results,
        brands=brands,
        total=len(results),
        limit=limit,
        offset=0,
        lists=wanted,
        as_of=day if wanted else None,
        known_at=known_at,
    )


def _brand_hit(score: float, entry: BrandEntry, day: str) -> m.BrandHit:
    return m.BrandHit(
        brand=m.EntityRef(id=entry.brand["id"], name=entry.brand.get("name"), labels=["Brand"]),
        score=round(score, 4),
        owner=c.entity_ref(entry.owner),
        quote=entry.quote,
        source_ids=entry.source_ids,
        group=[
            m.BrandMember(
                entity=c.entity_ref(g["entity"]),
                designations=[
                    m.SectorListing.model_validate({**d, "list": c.entity_ref(d["list"])})
                    for d in g.get("designations") or []
                    if in_force(d, day)
                ],
            )
            for g in entry.group
        ],
    )


def _with_makers(
    results: list[m.SearchHit],
    brands: list[m.BrandHit],
    allowed: set[str] | None,
    limit: int,
) -> list[m.SearchHit]:
    """The names found, then each matched brand's maker (alias "<brand> (brand)") not already
    among them, so a brand name leads to a company like a name does."""
    seen = {hit.id for hit in results}
    for hit in brands:
        owner = hit.owner
        if owner.id in seen or (allowed is not None and owner.id not in allowed):
            continue
        seen.add(owner.id)
        alias = f"{hit.brand.name} (brand)"
        results.append(
            m.SearchHit(
                id=owner.id,
                name=owner.name or "",
                score=hit.score,
                alias=alias,
                labels=owner.labels,
            )
        )
    return results[:limit]


def resolve(
    index: SearchIndex,
    names: list[str],
    labels: Sequence[str] | None = None,
    lists: Sequence[str] | None = None,
    as_of: str | None = None,
    known_at: str | None = None,
) -> Query[m.ResolveAnswer]:
    """Resolver decisions; with `lists`, decisions only among the entities on them; with
    `known_at`, among the entities survgraph had recorded by the end of that day, by the
    names it had for them then, on the lists as it held them then.

    The resolver is asked with `allowed` (the others are neither winner nor runner-up, so
    a match needs its margin over the best other entity on the lists). Conservatively, a
    match is then turned into a review when an entity NOT on the lists scores within the
    resolver's margin of it: the name may well be that other entity, which is not listed.
    """
    checks.names(names)
    wanted = checks.labels("labels", labels, where="body")
    day = checks.as_of(as_of)
    chosen = yield from checks.known_lists("lists", lists, where="body")
    known_before = checks.known_before(known_at)
    hidden = yield from recorded_later(known_before)
    later_names = yield from names_recorded_later(known_before)
    allowed = (yield from listed_ids(chosen, day, known_before)) if chosen else None
    resolver = index.resolver()
    margin = config_of(resolver).min_margin
    results = []
    for name in names:
        decision = resolver.resolve(
            name, labels=wanted, allowed=allowed, hidden=hidden, hidden_names=later_names
        )
        if allowed is not None and decision.decision == Judgement.MATCH:
            everyone = resolver.resolve(
                name, labels=wanted, hidden=hidden, hidden_names=later_names
            )
            decision = outside_check(decision, everyone, allowed, margin)
        results.append(m.ResolveDecision.model_validate(decision.to_json()))
    return m.ResolveAnswer(
        results=results,
        total=len(results),
        lists=chosen,
        as_of=day if chosen else None,
        known_at=known_at,
    )


def outside_check(
    decision: Decision, unrestricted: Decision, allowed: Collection[str], margin: float
) -> Decision:
    """A match among the listed entities stays a match only when no entity off the lists
    scores within `margin` (the index's own `min_margin`) of it."""
    chosen = decision.entity.id if decision.entity is not None else None
    rival = next(
        (x for x in unrestricted.candidates if x.id not in allowed and x.id != chosen), None
    )
    if rival is None or rival.score < decision.score - margin:
        return dataclasses.replace(
            decision, explanation=decision.explanation + "; decided among the entities on the lists"
        )
    return dataclasses.replace(
        decision,
        decision=Judgement.REVIEW,
        explanation=decision.explanation
        + f"; review: {rival.id} ({rival.name}), not on the chosen lists, scores "
        f"{rival.score:.3f}, within {margin} of the match on the lists",
    )


def suggestions(index: SearchIndex, missing_id: str, limit: int = 5) -> list[dict[str, Any]]:
    """'Did you mean': resolver candidates for the readable part of an unknown id."""
    text = missing_id.split(":", 1)[-1].replace("-", " ").strip()[: checks.MAX_QUERY_CHARS]
    if not text:
        return []
    try:
        hits = index.resolver().search(text, limit=limit)
    except Exception:  # a suggestion must never turn a 404 into a 500
        return []
    return [{"id": h.id, "name": h.name, "score": round(h.score, 4)} for h in hits]
