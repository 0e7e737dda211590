"""`survgraph search|show|subsidiaries|exposure|timeline|path|sectors`: the API's questions
from a terminal.

The commands ask the API's own questions (`api.queries`, checked by `api.checks`) on the
blocking driver, without HTTP: the same Cypher, limits and answers as the API. Output is a
readable table, or the API's JSON with `--json`.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel

from api import models as m
from api.answers import Answers
from api.queries import entities, paths, search, sectors
from api.queries.steps import Query
from graph.db import Graph
from graph.settings import get_settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("search", help="fuzzy search of names and aliases")
    p.add_argument("query")
    p.add_argument("--label", help="Company, GovernmentBody, Place, List or Contract")
    p.add_argument("--limit", type=int, default=10)
    _json(p).set_defaults(handler=_run(_search))

    p = sub.add_parser("show", help="one entity with its designations and sources")
    p.add_argument("id")
    _days(p)
    _json(p).set_defaults(handler=_run(_show))

    p = sub.add_parser(
        "subsidiaries", help="what an entity owns or controls, with ownership and control paths"
    )
    p.add_argument("id")
    p.add_argument("--listed", action="store_true", help="only those with a designation in force")
    p.add_argument("--list", dest="list_id", help="only those on this list id")
    p.add_argument("--lists", help="comma-separated list ids: only these lists' designations")
    p.add_argument(
        "--reached-by", help="a scope rule id: only those it reaches beyond its lists' names"
    )
    _days(p)
    p.add_argument("--depth", type=int)
    p.add_argument("--limit", type=int, default=100)
    _json(p).set_defaults(handler=_run(_subsidiaries))

    p = sub.add_parser(
        "exposure", help="designations of an entity and what scope rules derive through owners"
    )
    p.add_argument("id")
    p.add_argument("--lists", help="comma-separated list ids: only these lists")
    _days(p)
    p.add_argument("--depth", type=int)
    p.add_argument("--limit", type=int, default=100)
    _json(p).set_defaults(handler=_run(_exposure))

    p = sub.add_parser("timeline", help="dated events of an entity, oldest first, cited")
    p.add_argument("id")
    _days(p, "only events up to this ISO date (default today)")
    p.add_argument("--limit", type=int, default=100)
    _json(p).set_defaults(handler=_run(_timeline))

    p = sub.add_parser("path", help="shortest paths between two entities (or entity and list)")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--max-hops", type=int, default=4)
    p.add_argument("--rel", action="append", help="relationship type to follow (repeatable)")
    _days(p)
    _json(p).set_defaults(handler=_run(_path))

    p = sub.add_parser(
        "sectors",
        help="sectors and their vendors: which are listed, since when, under which notice, and "
        "which members of their groups are listed (GET /sectors, /sectors/{id}/entities)",
    )
    p.add_argument("id", nargs="?", help="a sector id: its vendors (default: every sector)")
    p.add_argument(
        "--listed", action="store_true", help="only vendors listed themselves or via a member"
    )
    _days(p)
    p.add_argument("--limit", type=int, default=100)
    _json(p).set_defaults(handler=_run(_sectors))


def _days(
    p: argparse.ArgumentParser, about: str = "ISO date the answer is about (default today)"
) -> None:
    """Valid time and record time, as the API's `as_of` and `known_at`."""
    p.add_argument("--as-of", help=about)
    p.add_argument(
        "--known-at",
        help="ISO date of record time: answer as survgraph had recorded the facts by the end of "
        "that day (default: as it holds them now)",
    )


def _json(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--json", action="store_true", help="print the API's JSON answer")
    return p


def _run(
    question: Callable[[Answers, argparse.Namespace], Query[BaseModel]],
) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        settings = get_settings()
        with Graph(settings) as graph:
            answers = Answers(graph, settings)
            answer = answers.run(question(answers, args))
        if args.json:
            print(
                json.dumps(
                    answer.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2
                )
            )
        else:
            print(render(answer))
        return 0

    return handler


def _search(a: Answers, args: argparse.Namespace) -> Query[BaseModel]:
    return search.search(a.settings, a.index, args.query, label=args.label, limit=args.limit)


def _show(a: Answers, args: argparse.Namespace) -> Query[BaseModel]:
    return entities.entity(a.settings, args.id, as_of=args.as_of, known_at=args.known_at)


def _subsidiaries(a: Answers, args: argparse.Namespace) -> Query[BaseModel]:
    return entities.subsidiaries(
        a.settings,
        args.id,
        depth=args.depth,
        listed=args.listed,
        list_id=args.list_id,
        limit=args.limit,
        as_of=args.as_of,
        lists=args.lists,
        reached_by=args.reached_by,
        known_at=args.known_at,
    )


def _exposure(a: Answers, args: argparse.Namespace) -> Query[BaseModel]:
    return entities.exposure(
        a.settings,
        args.id,
        depth=args.depth,
        as_of=args.as_of,
        limit=args.limit,
        lists=args.lists,
        known_at=args.known_at,
    )


def _timeline(a: Answers, args: argparse.Namespace) -> Query[BaseModel]:
    return entities.timeline(
        a.settings, args.id, as_of=args.as_of, limit=args.limit, known_at=args.known_at
    )


def _path(a: Answers, args: argparse.Namespace) -> Query[BaseModel]:
    return paths.paths(
        args.source,
        args.target,
        max_hops=args.max_hops,
        rels=args.rel,
        as_of=args.as_of,
        known_at=args.known_at,
    )


def _sectors(a: Answers, args: argparse.Namespace) -> Query[BaseModel]:
    if args.id is None:
        return sectors.sectors(
            a.settings, as_of=args.as_of, limit=args.limit, known_at=args.known_at
        )
    return sectors.sector_entities(
        a.settings,
        args.id,
        listed=args.listed,
        as_of=args.as_of,
        limit=args.limit,
        known_at=args.known_at,
    )


# -- rendering ------------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    widths = [min(w, 60) for w in widths]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def _cite(sources: Sequence[m.SourceRef]) -> str:
    return "; ".join(s.citation or s.title or s.id for s in sources)


def render(answer: BaseModel) -> str:
    """A readable table for the answers the commands print; any other answer as JSON."""
    for kind, show in _RENDERERS:
        if isinstance(answer, kind):
            return show(answer)
    return json.dumps(answer.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2)


def _search_table(answer: m.SearchAnswer) -> str:
    found = table(
        ["score", "id", "name", "matched"],
        [(f"{h.score:.3f}", h.id, h.name, h.alias) for h in answer.results],
    )
    lines = [
        f"brand {b.brand.name} [{b.brand.id}] of {b.owner.id}; leads to: "
        + (
            ", ".join(f"{g.entity.id} on {d.list_ref.id}" for g in b.group for d in g.designations)
            or "no designation"
        )
        for b in answer.brands
    ]
    return "\n".join([found, *lines])


def _sectors_table(answer: m.SectorsAnswer) -> str:
    rows = [(x.sector.id, x.sector.name, x.vendors, x.listed) for x in answer.results]
    return table(["sector", "name", "vendors", f"listed on {answer.as_of}"], rows)


def _sector_vendors_table(answer: m.SectorEntitiesAnswer) -> str:
    rows: list[tuple[Any, ...]] = []
    for v in answer.results:
        own: list[m.SectorListing | None] = [*v.designations] or [None]
        for d in own:
            rows.append(("vendor", v.entity.id, v.entity.name, *_listing(d)))
        for member in v.members:
            for d in member.designations:
                rows.append(
                    (
                        f"  member of {v.entity.id}",
                        member.entity.id,
                        member.entity.name,
                        *_listing(d),
                    )
                )
    headers = ["", "id", "name", "list", "since", "notice"]
    title = f"{answer.sector.name} [{answer.sector.id}] as of {answer.as_of}"
    return title + "\n" + table(headers, rows)


def _listing(d: m.SectorListing | None) -> tuple[Any, ...]:
    return ("-", "", "") if d is None else (d.list_ref.id, d.since, d.citation)


def _entity_table(answer: m.EntityDetail) -> str:
    parents = ", ".join(f"{p.entity.id} ({p.edge.type})" for p in answer.parents) or "-"
    linked = ", ".join(f"{x.entity.id} ({x.edge.basis or x.edge.type})" for x in answer.linked)
    brands = ", ".join(f"{x.entity.name} [{x.entity.id}]" for x in answer.brands)
    head = [
        f"{answer.name}  [{answer.id}]  {', '.join(answer.labels)}",
        f"aliases: {', '.join(answer.aliases) or '-'}",
        f"subsidiaries: {answer.subsidiaries.direct} direct, {answer.subsidiaries.total} in all",
        f"parents: {parents}",
        f"linked (not ownership): {linked or '-'}",
        f"brands: {brands or '-'}",
        "",
        f"designations (as of {answer.as_of}):",
    ]
    rows = [
        (d.list_ref.id, d.since, d.until, d.status.replace("_", " "), d.citation, _cite(d.sources))
        for d in answer.designations
    ]
    headers = ["list", "since", "until", "status", "citation", "sources"]
    return "\n".join(head) + "\n" + table(headers, rows)


def _timeline_table(answer: m.TimelineAnswer) -> str:
    events = [
        (e.date, e.precision, e.kind, e.subject.id, e.citation or _cite(e.sources))
        for e in answer.results
    ]
    title = f"{answer.total} dated events of {answer.entity.id} up to {answer.as_of}"
    return title + "\n" + table(["date", "precision", "event", "subject", "sources"], events)


def _subsidiaries_table(answer: m.SubsidiariesAnswer) -> str:
    if answer.reached_by:
        return _reached_table(answer)
    rows: list[tuple[Any, ...]] = []
    for s in answer.results:
        lists = ", ".join(
            f"{d.list_ref.id} {d.since or ''} ({d.citation or _cite(d.sources)})"
            for d in s.designations
            if d.in_force
        )
        via = " > ".join(e.to_id for e in s.path)
        basis = s.path[0].basis if s.path else None
        rows.append((s.depth, s.entity.id, s.entity.name, via, basis or "-", lists or "-"))
    listed = " (listed)" if answer.listed else ""
    title = f"{answer.total} subsidiaries of {answer.root.id}{listed} as of {answer.as_of}"
    headers = ["depth", "id", "name", "via", "basis", "designations in force"]
    return title + "\n" + table(headers, rows)


def _reached_table(answer: m.SubsidiariesAnswer) -> str:
    rows = [
        (s.depth, s.entity.id, s.entity.name, *_derived_cells(s.derived))
        for s in answer.results
        if s.derived is not None
    ]
    title = (
        f"{answer.total} entities under {answer.root.id} that {answer.reached_by} reaches on "
        f"{answer.as_of} (derived, not listings)"
    )
    headers = ["depth", "id", "name", "outcome", "aggregate", "held by"]
    return title + "\n" + table(headers, rows)


def _derived_cells(d: m.DerivedCoverage) -> tuple[str, str, str]:
    aggregate = d.aggregate_share.words if d.aggregate_share else "-"
    held = ", ".join(
        f"{c.owner.id} "
        + ("(branch of)" if c.relation == "branch" else f"{c.share.text or c.share.words}")
        + f" ({c.owner_state})"
        for c in d.contributions
        if c.adds.max > 0
    )
    return d.outcome.replace("_", " "), aggregate, held or (d.through.id if d.through else "-")


def _exposure_text(answer: m.ExposureAnswer) -> str:
    direct = [
        (d.list_ref.id, d.since, d.status.replace("_", " "), d.citation or _cite(d.sources))
        for d in answer.direct
    ]
    derived = [
        (d.rule.id, d.rule.status_on_as_of or "-", *_derived_cells(d)) for d in answer.derived
    ]
    headers = ["rule", "rule on as_of", "outcome", "aggregate", "held by"]
    reasons = [f"  {d.rule.id}: {d.reason}" for d in answer.derived]
    return "\n".join(
        [
            answer.summary,
            "",
            "named on (direct):",
            table(["list", "since", "status", "citation"], direct),
            "",
            "derived through owners (not listings):",
            table(headers, derived),
            "",
            "why:",
            *reasons,
        ]
    )


def _paths_text(answer: m.PathsAnswer) -> str:
    blocks = [answer.message]
    for i, p in enumerate(answer.results, 1):
        blocks.append(f"\npath {i} ({p.length} hops):")
        blocks += [
            f"  {e.from_id} -[{e.type}]-> {e.to_id}   sources: {_cite(e.sources)}{_basis(e)}"
            for e in p.edges
        ]
    return "\n".join(blocks)


def _basis(edge: m.Edge) -> str:
    """A list-stated claim's words, its share, and that control or LINKED_TO is not ownership."""
    words = f"   basis: {edge.basis}" if edge.basis else ""
    share = f"   share: {edge.share.text or edge.share.words}" if edge.share else ""
    kind = f"   ({edge.relation}: not ownership)" if edge.ownership is False else ""
    return words + share + kind


_RENDERERS: tuple[tuple[type[Any], Callable[[Any], str]], ...] = (
    (m.SearchAnswer, _search_table),
    (m.EntityDetail, _entity_table),
    (m.TimelineAnswer, _timeline_table),
    (m.SubsidiariesAnswer, _subsidiaries_table),
    (m.ExposureAnswer, _exposure_text),
    (m.PathsAnswer, _paths_text),
    (m.SectorsAnswer, _sectors_table),
    (m.SectorEntitiesAnswer, _sector_vendors_table),
)
