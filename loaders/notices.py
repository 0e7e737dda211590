"""Links list entries to the party their designating notice names (data/notices.yaml).

A Federal Register rule that adds "non-U.S. affiliates of Huawei" states a relationship for
every entry it adds, whatever the entries are called. The link is made from the entry's own
citation (the first notice its row cites: the one that added it), never from its name, and is
recomputed from the graph after each curated or list load and after each review decision
(by its caller: resolution knows nothing of notices), so the order of loads and decisions does
not matter and a rerun equals a clean load. An entry later removed keeps its link: the removal
ends its listing (`until` on LISTED_ON), not what the notice said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from graph.db import Graph
from graph.model import ALWAYS, fact_id

__all__ = ["added_by", "link_notices", "link_rows"]

# "84 FR 22963, 5/21/19; 85 FR 51603, 8/20/20": the first citation is the one that added it.
_CITATION = re.compile(r"(\d+)\s*FR\s*(\d+)")
NOTICE_TYPES = frozenset({"AFFILIATE_OF"})


def added_by(cites: str | None) -> str | None:
    """The notice citation ("84 FR 22963") an entry's citation field gives first, if any."""
    found = _CITATION.search(cites or "")
    return f"{found.group(1)} FR {found.group(2)}" if found else None


def link_rows(candidates: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One edge per (entity, party, statement) for the entries each statement's notice added;
    never an edge from the party to itself."""
    links: dict[str, dict[str, Any]] = {}
    for row in candidates:
        if added_by(row["cites"]) != row["entries_cite"] or row["entity"] == row["party"]:
            continue
        if not _named(row):
            continue
        if row["relation"] not in NOTICE_TYPES:
            continue
        fid = fact_id(row["relation"], row["entity"], row["party"], row["notice"])
        link = links.setdefault(fid, _link(fid, row))
        props = link["props"]
        props["entry_ids"].append(row["entry"])
        props["names_as_listed"].append(row["name"])
        props["source_ids"] = _union(props["source_ids"], row["listing_sources"])
    return list(links.values())


def _named(row: Mapping[str, Any]) -> bool:
    """A statement about only some entries of a notice (`entries_named`: the names the notice
    gives them) covers an entry whose name or alias is one of those; else every entry."""
    named = {n.casefold().strip() for n in row.get("entries_named") or []}
    if not named:
        return True
    names = [row["name"], *(row.get("alt_names") or [])]
    return any(str(n).casefold().strip() in named for n in names)


def _link(fid: str, row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "fact_id": fid,
        "type": row["relation"],
        "start": row["entity"],
        "end": row["party"],
        "props": {
            "origin": "notice",
            "notice_id": row["notice"],
            "citation": f"{row['citation']} (entries at {row['entries_cite']})",
            "basis": row["quote"],
            "stated_on": row["published"],
            "decided_from": ALWAYS,
            "entry_ids": [],
            "names_as_listed": [],
            "source_ids": list(row["notice_sources"] or []),
        },
    }


def _union(first: list[str], more: Iterable[str]) -> list[str]:
    return first + [s for s in more if s not in first]


def link_notices(graph: Graph) -> dict[str, int]:
    """Recompute every notice link from the graph as it is now: written, and pruned."""
    links = link_rows(graph.read("load/notice_entries"))
    written = graph.write("load/notice_links_write", rows=links) if links else []
    pruned = graph.write("load/notice_links_prune", fact_ids=[x["fact_id"] for x in links])
    return {
        "links": int(written[0]["written"]) if written else 0,
        "pruned": int(pruned[0]["pruned"]) if pruned else 0,
    }
