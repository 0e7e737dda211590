"""One list pipeline for every list source, on the real files and the real server.

The module loads, once, the curated data, the bundled OFAC snapshots (SDN and non-SDN), the
DoD 1260H tranche CSV and the Entity List rows of the real CSL file that name Hikvision,
Dahua or Huawei. Then:

* every LoadRun, snapshot Source, listing, judgement, claim and entity a load made names the
  source that was really read (`ofac`, `dod-1260h`, `csl`), never the CSL for the others;
* a list source defined in this test alone (the FCC Covered List table: a descriptor and a
  parser over the real file) loads through the same pipeline, with its own provenance;
* a graph as loads wrote it before each source had its own name (`source:csl-...` for every
  snapshot, origin 'csl') is migrated to exactly the provenance a load writes today, and the
  ids it had still find its snapshots at /sources/{id}.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.schema import apply_schema
from loaders.curated import load_curated
from loaders.pipeline import load
from loaders.plumbing.report import LoadReport, Rejection
from loaders.snapshot import load_snapshots
from loaders.sources import CSL, DOD_1260H, ListInfo, ListRecord, ListSource
from loaders.sources.csl import iter_csl
from loaders.sources.fields import parse_date
from tests.conftest import shared_path, wipe

NAMES = ("hikvision", "dahua", "huawei")


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


def _vendor_rows(path: Path) -> Iterator[ListRecord | Rejection]:
    for record in iter_csl(path):
        if not isinstance(record, ListRecord) or record.list_info.id != "list:us-bis-entity-list":
            continue
        if any(name in record.name.casefold() for name in NAMES):
            yield record


@dataclass
class Loaded:
    graph: Graph
    reports: dict[str, list[LoadReport]]


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Loaded:
    wipe(graph)
    load_curated(graph)
    reports: dict[str, list[LoadReport]] = {"ofac": load_snapshots(graph, progress=False)}
    dod = shared_path("data", "opensanctions_us_lists", "dod_1260h_chinese_military_companies.csv")
    reports["dod-1260h"] = [load(graph, DOD_1260H, dod, progress=False)]
    vendors = replace(CSL, records=_vendor_rows)
    csl = shared_path("data", "csl", "consolidated-assembled-2026-07.csv")
    reports["csl"] = [load(graph, vendors, csl, progress=False)]
    return Loaded(graph, reports)


# -- provenance is the source's own -----------------------------------------------------------


@pytest.mark.parametrize("name", ["ofac", "dod-1260h", "csl"])
def test_runs_and_snapshots_name_their_source(loaded: Loaded, name: str) -> None:
    for report in loaded.reports[name]:
        assert report.loader == name
        run_id, source_id = report.extra["run_id"], report.extra["snapshot_source_id"]
        assert run_id.startswith(f"run:{name}-") and source_id.startswith(f"source:{name}-")
        rows = q(
            loaded.graph,
            "MATCH (run:LoadRun {id: $run})-[r:READ]->(s:Source) "
            "RETURN run.loader AS loader, run.source_id AS sid, r.origin AS origin, "
            "s.id AS source, s.list_source AS list_source, s.publisher AS publisher",
            run=run_id,
        )
        assert rows == [
            {
                "loader": name,
                "sid": source_id,
                "origin": name,
                "source": source_id,
                "list_source": name,
                "publisher": {
                    "ofac": OFAC_PUBLISHER,
                    "dod-1260h": DOD_1260H.publisher,
                    "csl": CSL.publisher,
                }[name],
            }
        ]


OFAC_PUBLISHER = "Office of Foreign Assets Control, US Department of the Treasury"


@pytest.mark.parametrize("name", ["ofac", "dod-1260h", "csl"])
def test_every_fact_a_load_wrote_names_its_source(loaded: Loaded, name: str) -> None:
    """Listings, entries, resolutions, judgements, claims, review items and the entities a
    load made: each one citing a snapshot of the source says that source as its origin."""
    sids = [r.extra["snapshot_source_id"] for r in loaded.reports[name]]
    rels = q(
        loaded.graph,
        "MATCH ()-[r]->() WHERE any(x IN coalesce(r.source_ids, []) WHERE x IN $sids) "
        "RETURN type(r) AS type, r.claim_kind IS NOT NULL AS claim, r.origin AS origin, "
        "count(*) AS n",
        sids=sids,
    )
    kinds = {(r["type"], r["claim"]) for r in rels}
    assert {("LISTED_ON", False), ("ON_LIST", False), ("RESOLVED_TO", False)} <= kinds
    # A notice-level statement's link (data/notices.yaml) cites the list snapshot that holds the
    # entry's citation beside the notice; its origin is the notice, and it is only a link.
    derived = [r for r in rels if r["origin"] == "notice"]
    assert {r["type"] for r in derived} <= {"AFFILIATE_OF"}, derived
    assert {r["origin"] for r in rels if r not in derived} == {name}, rels
    nodes = q(
        loaded.graph,
        "MATCH (n) WHERE n.created_by_source IN $sids "
        "OR (n:ReviewItem AND any(x IN coalesce(n.source_ids, []) WHERE x IN $sids)) "
        "RETURN labels(n) AS labels, n.origin AS origin, n.made_for AS made_for, "
        "n.decided_by AS decided_by",
        sids=sids,
    )
    assert nodes and {n["origin"] for n in nodes} == {name}
    made = {n["made_for"] for n in nodes if "Entity" in n["labels"]}
    assert made <= {"entry", "claim"}


def test_claims_and_judgements_of_each_source(loaded: Loaded) -> None:
    """The sources state relationships (1260H parents, OFAC links) and match the curated
    vendors: both exist and name the source that said so."""
    found = q(
        loaded.graph,
        "MATCH ()-[r]->() WHERE r.claim_kind IS NOT NULL RETURN r.origin AS origin, "
        "r.claim_kind AS kind, count(*) AS n ORDER BY origin, kind",
    )
    by_origin = {(r["origin"], r["kind"]) for r in found}
    assert ("dod-1260h", "listed_parent") in by_origin
    assert ("ofac", "linked_to") in by_origin
    judged = q(
        loaded.graph,
        "MATCH (ri:ReviewItem {decided_by: 'survgraph resolver'})-[:ABOUT]->(e:ListEntry) "
        "RETURN DISTINCT ri.origin AS origin",
    )
    assert {"ofac", "csl"} <= {r["origin"] for r in judged}


def test_nothing_says_csl_unless_it_cites_the_csl(loaded: Loaded) -> None:
    wrong = q(
        loaded.graph,
        "MATCH ()-[r {origin: 'csl'}]->() "
        "WHERE none(x IN coalesce(r.source_ids, []) WHERE x STARTS WITH 'source:csl-') "
        "RETURN type(r) AS type, count(*) AS n",
    )
    assert wrong == []


# -- a new source is a parser and a descriptor ------------------------------------------------

FCC_LIST = ListInfo(
    "list:us-fcc-covered-list",
    "Covered List",
    "FCC Covered List",
    "gov:us-fcc",
    "Federal Communications Commission",
    "FCC Covered List",
)
_PRODUCED_BY = re.compile(
    r"(?:produced|provided|supplied)(?: or provided)?(?:, directly or indirectly,)? by "
    r"(?P<name>.+?)(?:,| to the extent| subject to| or any of| and its|$)"
)


def _fcc_records(path: Path) -> Iterator[ListRecord | Rejection]:
    """The FCC's Covered List table: one row per covered equipment or service, naming the
    company that produces or provides it (a row that names a kind of product from anywhere,
    such as foreign-produced routers, names no party: kept aside)."""
    with path.open(encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=1):
            text = row["covered_equipment_or_services"]
            found = _PRODUCED_BY.search(text)
            if found is None:
                yield Rejection(f"{path.name}: row {number}", "names no producer", dict(row))
                continue
            try:
                since = parse_date(row["date_of_inclusion_on_covered_list"])
            except ValueError as exc:
                yield Rejection(f"{path.name}: row {number}", str(exc), dict(row))
                continue
            yield ListRecord(
                number,
                FCC_LIST,
                FCC_LIST.label,
                found["name"].strip(),
                uid=str(number),
                type="Entity",
                start_date=since,
                remarks=text,
            )


FCC = ListSource(
    name="fcc-covered",
    title="FCC Covered List",
    publisher="Federal Communications Commission",
    url="https://www.fcc.gov/supplychain/coveredlist",
    records=_fcc_records,
    ends_absent=True,
    kind="register",
)


def test_a_source_defined_here_loads_through_the_pipeline(loaded: Loaded) -> None:
    path = shared_path("data", "opensanctions_us_lists", "fcc_covered_list_table.csv")
    report = load(loaded.graph, FCC, path, progress=False)
    assert report.loader == "fcc-covered"
    kept_aside = {(r.where, r.reason) for r in report.rejected}
    assert kept_aside == {(f"{path.name}: row {n}", "names no producer") for n in (12, 13, 15, 16)}
    assert report.extra["lists"] == {"list:us-fcc-covered-list": report.rows_read - 4}
    assert report.extra["snapshot_source_id"].startswith("source:fcc-covered-")
    rows = q(
        loaded.graph,
        "MATCH (c:Entity {id: 'company:hikvision'})-[r:LISTED_ON]->(l:List) "
        "WHERE r.origin = 'fcc-covered' RETURN l.id AS list, l.name AS name, r.since AS since, "
        "r.source_ids AS sids",
    )
    assert rows and rows[0]["list"] == "list:us-fcc-covered-list"
    assert rows[0]["since"] == "2021-03-12"
    assert rows[0]["sids"] == [report.extra["snapshot_source_id"]]
    assert rows[0]["name"] != FCC_LIST.name  # the curated list's own name is kept
    again = load(loaded.graph, FCC, path, progress=False)
    assert again.relationships_created == 0 and again.entities_created == 0


# -- a graph loaded before: migrated to the same provenance ----------------------------------

PROVENANCE = (
    "id",
    "source_ids",
    "origin",
    "made_for",
    "created_by_source",
    "snapshot_source_id",
    "loader",
    "source_id",
    "list_source",
    "run_id",
    "first_seen_run",
    "last_seen_run",
    "ended_by_run",
)


def provenance(graph: Graph) -> tuple[list[Any], list[Any]]:
    fields = ", ".join(f"{k}: x.{k}" for k in PROVENANCE)
    nodes = q(graph, f"MATCH (x) WHERE NOT x:WriteEpoch RETURN x {{{fields}}} AS p")
    rels = q(
        graph,
        f"MATCH (a)-[x]->(b) RETURN type(x) AS t, a.id AS a, b.id AS b, x {{{fields}}} AS p",
    )
    return (
        sorted((sorted(r["p"].items()) for r in nodes), key=repr),
        sorted(((r["t"], r["a"], r["b"], sorted(r["p"].items())) for r in rels), key=repr),
    )


def differences(got: tuple[list[Any], list[Any]], want: tuple[list[Any], list[Any]]) -> str:
    lines = []
    for kind, g, w in zip(("node", "relationship"), got, want, strict=True):
        gs, ws = {repr(x) for x in g}, {repr(x) for x in w}
        lines += [f"missing {kind}: {x}" for x in sorted(ws - gs)[:5]]
        lines += [f"extra {kind}: {x}" for x in sorted(gs - ws)[:5]]
    return "\n".join(lines)


# What loads wrote before each list source had a name (reproduced here from that code): every
# snapshot and run was the CSL's, every fact said origin 'csl', except a 1260H list's claims
# ('dod-1260h'); the parties claims named said 'list-claim'; nothing said why it was made.
AGE = (
    """UNWIND $olds AS m MATCH (s:Source {id: m.new})
       SET s.id = m.old REMOVE s.list_source""",
    """MATCH (run:LoadRun)-[r:READ]->(:Source) WHERE run.loader IN ['ofac', 'dod-1260h', 'csl']
       SET run.id = 'run:csl-' + substring(run.id, size('run:' + run.loader + '-')),
           run.loader = 'csl', run.source_id = coalesce($ids[run.source_id], run.source_id),
           r.origin = 'csl', r.source_ids = [x IN r.source_ids | coalesce($ids[x], x)]""",
    """MATCH ()-[r]->() WHERE r.source_ids IS NOT NULL
       SET r.source_ids = [x IN r.source_ids | coalesce($ids[x], x)],
           r.ended_by_run = coalesce($runs[r.ended_by_run], r.ended_by_run),
           r.origin = CASE WHEN r.origin IN ['ofac', 'dod-1260h']
                           AND NOT (r.claim_kind IS NOT NULL AND r.list_id = 'list:us-dod-1260h')
                           THEN 'csl' ELSE r.origin END""",
    """MATCH (n) WHERE n.source_ids IS NOT NULL OR n.created_by_source IS NOT NULL
          OR n.run_id IS NOT NULL OR n.first_seen_run IS NOT NULL
       SET n.source_ids = CASE WHEN n.source_ids IS NULL THEN null
                               ELSE [x IN n.source_ids | coalesce($ids[x], x)] END,
           n.created_by_source = coalesce($ids[n.created_by_source], n.created_by_source),
           n.snapshot_source_id = coalesce($ids[n.snapshot_source_id], n.snapshot_source_id),
           n.run_id = coalesce($runs[n.run_id], n.run_id),
           n.first_seen_run = coalesce($runs[n.first_seen_run], n.first_seen_run),
           n.last_seen_run = coalesce($runs[n.last_seen_run], n.last_seen_run),
           n.ended_by_run = coalesce($runs[n.ended_by_run], n.ended_by_run),
           n.origin = CASE
             WHEN n.made_for = 'claim' THEN 'list-claim'
             WHEN n:ReviewItem AND n.origin = 'dod-1260h' AND n.kind = 'list_claim'
               THEN n.origin
             WHEN n.origin IN ['ofac', 'dod-1260h'] THEN 'csl' ELSE n.origin END""",
    "MATCH (n:Entity) WHERE n.origin IN ['csl', 'list-claim'] REMOVE n.made_for",
    "MATCH (m:Migration {id: 'provenance-by-source'}) DELETE m",
)


def _age(graph: Graph) -> dict[str, str]:
    """The graph as the earlier loads wrote it; returns new snapshot id -> old one."""
    sources = q(
        graph,
        "MATCH (s:Source) WHERE s.list_source IN ['ofac', 'dod-1260h'] "
        "RETURN s.id AS id, s.list_source AS name",
    )
    olds = [{"new": s["id"], "old": "source:csl-" + s["id"].rsplit("-", 1)[1]} for s in sources]
    ids = {m["new"]: m["old"] for m in olds}
    runs = {
        r["id"]: "run:csl-" + r["id"][len(f"run:{r['loader']}-") :]
        for r in q(
            graph,
            "MATCH (r:LoadRun) WHERE r.loader IN ['ofac', 'dod-1260h', 'csl'] "
            "RETURN r.id AS id, r.loader AS loader",
        )
    }
    for statement in AGE:
        q(graph, statement, olds=olds, ids=ids, runs=runs)
    return ids


def test_an_older_graph_is_migrated_to_the_same_provenance(loaded: Loaded) -> None:
    graph = loaded.graph
    want = provenance(graph)
    renamed = _age(graph)
    assert renamed and provenance(graph) != want
    assert q(graph, "MATCH (s:Source) WHERE s.id IN $ids RETURN s", ids=list(renamed)) == []
    apply_schema(graph)
    got = provenance(graph)
    assert got == want, differences(got, want)
    former = q(
        graph,
        "MATCH (s:Source) WHERE s.former_ids IS NOT NULL RETURN s.id AS id, s.former_ids AS former",
    )
    assert {r["id"]: r["former"] for r in former} == {new: [old] for new, old in renamed.items()}
    new, old = next(iter(renamed.items()))
    with TestClient(create_app()) as client:
        body = client.get(f"/sources/{old}").json()
    assert body["source"]["id"] == new and body["former_ids"] == [old]
    assert body["edges_total"] > 0
