"""A source's citation and the facts (nodes, edges) it supports, capped."""

from __future__ import annotations

from api import checks
from api import convert as c
from api import models as m
from api.queries.steps import Query, read_one
from graph.errors import NotFound
from graph.settings import Settings


def source(settings: Settings, source_id: str, cap: int = 200) -> Query[m.SourceAnswer]:
    cap = checks.check_max("cap", cap, settings.max_page_size)
    row = yield from read_one("api/source", id=source_id, cap=cap)
    if row is None:
        # Not `Missing`: a source id is not something the name index could suggest.
        raise NotFound(f"no source with id {source_id!r}")
    found = dict(row["source"])  # by its id, or by an id it had before (`former_ids`)
    return m.SourceAnswer(
        source=c.SourceBook([found]).ref(str(found["id"])),
        nodes=[c.entity_ref(n) for n in row["nodes"]],
        nodes_total=int(row["nodes_total"]),
        edges=[c.edge(e, None) for e in row["edges"]],
        edges_total=int(row["edges_total"]),
        cap=cap,
        former_ids=[str(x) for x in found.get("former_ids") or []],
    )
