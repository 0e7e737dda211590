"""Applying `cypher/admin/schema.cypher` (every statement `IF NOT EXISTS`, so twice is
harmless), then the one-time migrations a graph loaded by an earlier version needs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from graph.db import Graph
from graph.model import claim_decided_from, edge_types
from graph.shares import share_of
from graph.writer import write_batches


def apply_schema(graph: Graph) -> int:
    count = graph.run_script("admin/schema")
    graph.write("admin/await_indexes")
    _migrate_decided_from(graph)
    _migrate_provenance(graph)
    _migrate_shares(graph)
    return count


def _migrate_decided_from(graph: Graph) -> None:
    """Designations written before `decided_from` existed get it, computed by the same rule
    the loaders now apply (a withdrawn publication's never decides), so no query needs the
    date-precision rule again."""
    done = graph.read_one("admin/migration_done", id="decided_from")
    if done and done["done"]:
        return
    rows = [
        {
            "fact_id": r["fact_id"],
            "decided_from": claim_decided_from(r["since"], r["precision"], r["status"]),
        }
        for r in graph.read("admin/listed_on_undated", timeout=300.0)
    ]
    write_batches(graph, "admin/listed_on_set_decided_from", rows, batch_size=5000)
    _mark(graph, "decided_from")


def _migrate_shares(graph: Graph) -> None:
    """Ownership and control edges written before shares were intervals get the share
    fields, read from their older `share` number by graph.shares (exact), or not stated
    when they had none: a missing share is never read as 0."""
    done = graph.read_one("admin/migration_done", id="shares")
    if done and done["done"]:
        return
    rows = [
        {"id": r["id"], "props": share_of({"share": r["share"]}).props()}
        for r in graph.read("admin/ownership_without_share", timeout=600.0, **edge_types())
    ]
    write_batches(graph, "admin/ownership_set_share", rows, batch_size=5000)
    _mark(graph, "shares")


def _mark(graph: Graph, migration: str) -> None:
    graph.write("admin/migration_mark", id=migration, at=datetime.now(UTC).isoformat())


def _migrate_provenance(graph: Graph) -> None:
    """Graphs loaded before each list source had a name of its own say that OFAC's files and
    the DoD 1260H list came from the CSL (`source:csl-...`, `run:csl-...`, origin 'csl').
    Those snapshots and runs take their source's ids (keeping the old ones as `former_ids`,
    which `/sources/{id}` still answers), everything citing them follows, and what a list
    load made says its source and why (`made_for`)."""
    done = graph.read_one("admin/migration_done", id="provenance-by-source")
    if done and done["done"]:
        return
    renames = _provenance_renames(graph.read("admin/provenance_old_snapshots", timeout=300.0))
    graph.write("admin/provenance_rename", **renames)
    if renames["sources"]:
        olds = [m["old"] for m in renames["sources"]]
        run_olds = [m["old"] for m in renames["runs"]]
        maps = {"ids": renames["ids"], "tags": renames["tags"], "runs": renames["run_ids"]}
        graph.run_autocommit("admin/provenance_relationships", olds=olds, **maps)
        graph.run_autocommit("admin/provenance_nodes", olds=olds, run_olds=run_olds, **maps)
    graph.run_autocommit("admin/provenance_made_for")
    _mark(graph, "provenance-by-source")


# What a pre-migration snapshot was, from what its load wrote: the lists it held and the
# publisher on its Source (the bundled manifests' and the loaders' own words).
_DOD_LISTS = frozenset({"list:us-dod-1260h"})


def _source_tag(publisher: str | None, lists: list[str] | None) -> str:
    held = frozenset(lists or ())
    text = (publisher or "").casefold()
    if held and held <= _DOD_LISTS and "defense" in text:
        return "dod-1260h"
    if held and all(x.startswith("list:us-ofac-") for x in held) and "foreign assets" in text:
        return "ofac"
    return "csl"


def _provenance_renames(rows: list[dict[str, Any]]) -> dict[str, Any]:
    sources: dict[str, dict[str, str]] = {}
    runs: list[dict[str, str]] = []
    csl: set[str] = set()
    for row in rows:
        tag = _source_tag(row["publisher"], row["lists"])
        if tag == "csl":
            csl.add(str(row["source_id"]))
            continue
        old = str(row["source_id"])
        new = f"source:{tag}-" + old.removeprefix("source:csl-")
        sources.setdefault(old, {"old": old, "new": new, "tag": tag})
        run_new = f"run:{tag}-" + str(row["run_id"]).removeprefix("run:csl-")
        runs.append({"old": row["run_id"], "new": run_new, "tag": tag, "source_id": new})
    return {
        "sources": list(sources.values()),
        "runs": runs,
        "csl": sorted(csl),
        "ids": {m["old"]: m["new"] for m in sources.values()},
        "tags": {m["new"]: m["tag"] for m in sources.values()},
        "run_ids": {m["old"]: m["new"] for m in runs},
    }
