"""Questions about one entity: detail, subsidiaries, exposure, timeline, neighbourhood.

Each is answered as of a day: designations and ownership edges count only when in force that
day, and coverage derived through an owner's list is never a listing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from api import checks
from api import convert as c
from api import derived as d
from api import models as m
from api.queries.as_known import exposure_row, reach_row, subsidiaries_row
from api.queries.ownership import derived_inputs, walk_known
from api.queries.steps import Missing, Query, read, read_one
from graph import coverage
from graph.model import edge_types
from graph.settings import Settings


def sources(source_ids: Iterable[str]) -> Query[list[dict[str, Any]]]:
    """Source nodes by id, for answers whose statement does not return them itself."""
    wanted = list(dict.fromkeys(i for i in source_ids if i))
    if not wanted:
        return []
    rows = yield from read("api/sources", ids=wanted)
    return [dict(r["source"]) for r in rows]


def entity(
    settings: Settings, entity_id: str, as_of: str | None = None, known_at: str | None = None
) -> Query[m.EntityDetail]:
    day = checks.as_of(as_of)
    row = yield from read_one(
        "api/entity",
        id=entity_id,
        as_of=day,
        depth=settings.max_depth,
        known_before=checks.known_before(known_at),
        **edge_types(),
    )
    if row is None:
        raise Missing("entity", entity_id)
    known_before = checks.known_before(known_at)
    if known_before is not None:
        row = yield from _ownership_as_known(settings, entity_id, row, day, known_before)
    found = _entity(entity_id, row, day)
    found.known_at = known_at
    return found


def _ownership_as_known(
    settings: Settings, entity_id: str, row: dict[str, Any], day: str, known_before: str
) -> Query[dict[str, Any]]:
    """Parents and subsidiary counts as survgraph held them then: edges deleted since (a
    curated fact taken out, a review undone) included, which the path patterns of
    api/entity.cypher can no longer walk."""
    up = yield from walk_known(entity_id, 1, True, day, known_before)
    down = yield from walk_known(entity_id, settings.max_depth, False, day, known_before)
    parents = [{"entity": up.nodes[e["end"]], "edge": e} for e in up.edges]
    parents.sort(key=_parent_order)
    have = {str(s["id"]) for s in row["sources"]}
    extra = yield from sources(
        s for p in parents for s in c.ids(p["edge"]["props"].get("source_ids")) if s not in have
    )
    return {
        **row,
        "parents": parents,
        "direct_subsidiaries": sum(1 for v in down.depths.values() if v == 1),
        "all_subsidiaries": len(down.depths) - 1,
        "sources": [*row["sources"], *extra],
    }


def _parent_order(parent: dict[str, Any]) -> tuple[str, str, str, str]:
    """api/entity.cypher's order: by edge type, the parent's name and id, the fact id."""
    edge, node = parent["edge"], parent["entity"]
    name, fid = node.get("name") or "", edge["props"].get("fact_id") or ""
    return (str(edge["type"]), str(name), str(node["id"]), str(fid))


def _entity(entity_id: str, row: dict[str, Any], day: str) -> m.EntityDetail:
    book = c.SourceBook(row["sources"])
    node = dict(row["entity"])
    labels = c.kind_labels(node.pop("labels", []))
    aliases = c.ids(node.pop("aliases", []))
    source_ids = c.ids(node.pop("source_ids", []))
    node.pop("id", None)
    name = node.pop("name", None)
    own = c.designations(row["designations"], book, day)
    kinds = ("contracts", "parties", "relations", "linked", "brands")
    links = {k: [c.link(x, book) for x in row.get(k) or []] for k in kinds}
    return m.EntityDetail(
        id=entity_id,
        name=name,
        labels=labels,
        aliases=aliases,
        attributes=node,
        as_of=day,
        listed=any(x.in_force for x in own),
        designations=own,
        parents=[c.link(x, book) for x in row["parents"]],
        subsidiaries=m.SubsidiaryCount(
            direct=int(row["direct_subsidiaries"]), total=int(row["all_subsidiaries"])
        ),
        **links,  # type: ignore[arg-type]  # contracts, parties, relations, linked, brands
        mentions=[c.edge(x, book) for x in row["mentions"]],
        names_as_listed=[m.ListedName.model_validate(x) for x in row.get("listed_names") or []],
        source_ids=source_ids,
        sources=book.refs(dict.fromkeys([*source_ids, *book.all_ids()])),
    )


def subsidiaries(
    settings: Settings,
    entity_id: str,
    depth: int | None = None,
    listed: bool = False,
    list_id: str | None = None,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
    lists: str | Sequence[str] | None = None,
    reached_by: str | None = None,
    known_at: str | None = None,
) -> Query[m.SubsidiariesAnswer]:
    """Descendants (owned or controlled) on `as_of`; `lists` (and the older single `list`)
    narrow the designations considered; `listed` (or `list`) keeps those with one in force;
    `reached_by` (a rule id) keeps those the rule reaches beyond those its lists name."""
    depth = checks.depth(settings, depth)
    limit = checks.page_limit(settings, limit)
    day = checks.as_of(as_of)
    wanted = yield from checks.chosen_lists(lists, list_id)
    only_listed = listed or list_id is not None
    if reached_by is not None:
        checks.not_both("reached_by", reached_by, only_listed or bool(wanted))
        page = (offset, limit)
        found = yield from _reached(entity_id, reached_by, depth, day, page, known_at)
        return found
    known_before = checks.known_before(known_at)
    if known_before is None:
        row = yield from read_one(
            "api/subsidiaries",
            id=entity_id,
            depth=depth,
            listed=only_listed,
            lists=wanted,
            as_of=day,
            offset=offset,
            limit=limit,
            **edge_types(),
        )
    else:
        page = (offset, limit)
        row = yield from subsidiaries_row(
            entity_id, depth, day, wanted, only_listed, page, known_before
        )
    if row is None:
        raise Missing("entity", entity_id)
    book = c.SourceBook(row["sources"])
    return m.SubsidiariesAnswer(
        root=c.entity_ref(row["root"]),
        depth=depth,
        listed=only_listed,
        list_id=list_id,
        lists=wanted,
        as_of=day,
        known_at=known_at,
        results=[c.subsidiary(x, book, day) for x in row["results"]],
        total=int(row["total"]),
        limit=limit,
        offset=offset,
    )


def _reached(
    entity_id: str, rule_id: str, depth: int, day: str, page: tuple[int, int], known_at: str | None
) -> Query[m.SubsidiariesAnswer]:
    """The entities under the root a rule reaches (covered or undetermined) and its lists do
    not name, nearest first, each with what the rule concludes (api/derived.py); `known_at`:
    over the edges, designations and rule versions held then (api/queries/as_known.py)."""
    yield from checks.known_rule(rule_id)
    offset, limit = page
    known_before = checks.known_before(known_at)
    if known_before is None:
        row = yield from read_one(
            "api/subsidiaries_reach",
            id=entity_id,
            rule=rule_id,
            depth=depth,
            as_of=day,
            **edge_types(),
        )
    else:
        row = yield from reach_row(entity_id, rule_id, depth, day, known_before)
    if row is None:
        raise Missing("entity", entity_id)
    book = c.SourceBook((yield from sources(d.cited(row))))
    data = d.around(row, book, day)
    # no rule read back: none of the entities named is on its lists, nothing to reach from
    found, shown = (
        _members_reached(data, row["rule"], row["group"], page) if row["rule"] else ([], [])
    )
    return m.SubsidiariesAnswer(
        root=c.entity_ref(row["root"]),
        depth=depth,
        listed=False,
        list_id=None,
        lists=None,
        reached_by=rule_id,
        as_of=day,
        known_at=known_at,
        results=[_reached_one(data, member, answer, entity_id) for member, answer in shown],
        total=len(found),
        limit=limit,
        offset=offset,
    )


def _members_reached(
    data: d.Around, rule: dict[str, Any], group: list[Any], page: tuple[int, int]
) -> tuple[list[Any], list[tuple[Any, m.DerivedCoverage]]]:
    """The group's members the rule reaches, nearest first, and the page's conclusions."""
    seeds = data.seeds(rule)
    threshold = rule.get("threshold_share")
    result = coverage.reach(data.stakes, seeds, float(threshold)) if threshold is not None else None
    found = [
        member
        for member in sorted(group, key=lambda g: (g["depth"], str(g["id"])))
        if seeds.get(member["id"]) != "listed"
        and d.reaches(data, rule, seeds, str(member["id"]), result)
    ]
    offset, limit = page
    shown = [
        (member, answer)
        for member in found[offset : offset + limit]
        if (answer := d.conclude(data, rule, seeds, str(member["id"]), result)) is not None
    ]
    return found, shown


def _reached_one(
    data: d.Around, member: dict[str, Any], answer: m.DerivedCoverage, root: str
) -> m.Subsidiary:
    entity = str(member["id"])
    own = data.designations.get(entity, [])
    return m.Subsidiary(
        entity=data.ref(entity),
        depth=int(member["depth"]),
        path=[d.edge_of(data, s) for s in d.path_up(data.into, entity, root)],
        listed=any(x.in_force for x in own),
        designations=own,
        derived=answer,
    )


def exposure(
    settings: Settings,
    entity_id: str,
    depth: int | None = None,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
    lists: str | Sequence[str] | None = None,
    known_at: str | None = None,
) -> Query[m.ExposureAnswer]:
    """`direct` (its own designations in force), `derived` (api/derived.py) and the
    paginated `results` of designations around the entity; `known_at`: as survgraph had
    recorded them by the end of that day (record time)."""
    depth = checks.depth(settings, depth)
    limit = checks.page_limit(settings, limit)
    day = checks.as_of(as_of)
    known_before = checks.known_before(known_at)
    wanted = yield from checks.known_lists("lists", lists)
    if known_before is None:
        row = yield from read_one(
            "api/exposure",
            id=entity_id,
            depth=depth,
            as_of=day,
            offset=offset,
            limit=limit,
            lists=wanted,
            **edge_types(),
        )
    else:
        row = yield from exposure_row(entity_id, depth, day, wanted, (offset, limit), known_before)
    if row is None:
        raise Missing("entity", entity_id)
    around = yield from derived_inputs(row["root"], depth, day, wanted, known_before)
    known = {str(r["id"]) for r in row["sources"]}
    extra = yield from sources(x for x in d.cited(around) if x not in known)
    book = c.SourceBook([*row["sources"], *extra])
    own = [x for r in row["own"] for x in c.designations(r["claims"], book, day)]
    direct = [x for x in own if x.in_force]
    derived = d.coverages(around, book, day)
    return m.ExposureAnswer(
        entity=c.entity_ref(row["root"]),
        depth=depth,
        as_of=day,
        known_at=known_at,
        lists=wanted,
        summary=d.summary(day, direct, derived),
        direct=direct,
        direct_not_in_force=[x for x in own if not x.in_force],
        derived=derived,
        results=[_exposure(x, book, day) for x in row["results"]],
        total=int(row["total"]),
        limit=limit,
        offset=offset,
    )


def _exposure(row: dict[str, Any], book: c.SourceBook, day: str) -> m.Exposure:
    return m.Exposure(
        relation=row["relation"],
        holder=c.entity_ref(row["holder"]),
        designation=c.designations(row["claims"], book, day)[0],
        path=[c.edge(e, book) for e in row["path"]],
        rules=[c.rule(r, book, day) for r in row["rules"]],
    )


def timeline(
    settings: Settings,
    entity_id: str,
    as_of: str | None = None,
    limit: int = 100,
    offset: int = 0,
    known_at: str | None = None,
) -> Query[m.TimelineAnswer]:
    """Dated events up to `as_of` (api/timeline.cypher), oldest first, each cited; `known_at`:
    its designations and ownership links as survgraph had recorded them by that day."""
    limit = checks.page_limit(settings, limit)
    day = checks.as_of(as_of)
    ref = yield from read_one("api/entity_ref", id=entity_id)
    if ref is None:
        raise Missing("entity", entity_id)
    known_before = checks.known_before(known_at)
    rows = yield from read(
        "api/timeline", id=entity_id, as_of=day, known_before=known_before, **edge_types()
    )
    page = rows[offset : offset + limit]
    book = c.SourceBook((yield from sources(s for r in page for s in c.ids(r.get("source_ids")))))
    return m.TimelineAnswer(
        entity=c.entity_ref(ref["entity"]),
        as_of=day,
        known_at=known_at,
        results=[c.timeline_event(r, book) for r in page],
        total=len(rows),
        limit=limit,
        offset=offset,
    )


def neighborhood(
    settings: Settings,
    entity_id: str,
    depth: int = 1,
    rels: Sequence[str] | None = None,
    max_edges: int = 200,
) -> Query[m.Neighborhood]:
    depth = checks.neighborhood_depth(settings, depth)
    max_edges = checks.check_max("max_edges", max_edges, settings.max_page_size)
    types = checks.path_rels(rels)
    row = yield from read_one(
        "api/neighborhood",
        id=entity_id,
        depth=depth,
        rels=types,
        path_cap=max_edges * 10,
        edge_cap=max_edges + 1,
    )
    if row is None:
        raise Missing("entity", entity_id)
    edges = row["edges"][:max_edges]
    keep = {e["start"] for e in edges} | {e["end"] for e in edges} | {entity_id}
    return m.Neighborhood(
        center=c.entity_ref(row["center"]),
        depth=depth,
        nodes=[c.entity_ref(n) for n in row["nodes"] if n.get("id") in keep],
        edges=[c.edge(e, None) for e in edges],
        truncated=len(row["edges"]) > max_edges,
    )
