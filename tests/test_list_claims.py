"""The relationships the lists themselves state, on the real files and the real server.

The module loads, once: the curated data, the real CSL file's Entity List, MEU and NS-CMIC
rows (its SDN rows are left out to keep the module quick; the parser is the same), the DoD
1260H tranche CSV and the per-list 1260H JSON. Expectations are computed from the files
themselves (the CSV's Parent Name, Start date and End date), never from the graph.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_path
from fastapi.testclient import TestClient
from test_api_support import client_for, fresh_curated

from graph.db import Graph
from graph.writer import counts
from loaders.pipeline import load
from loaders.pipeline.statements import ClaimKind, statements_of, with_subject
from loaders.plumbing.report import LoadReport, Rejection
from loaders.sources import CSL, DOD_1260H, ListRecord, list_for_label
from loaders.sources.csl import iter_csl

DOD = "list:us-dod-1260h"
JSON_DAY = "2026-06-10"  # the effective date of every entity of the per-list JSON
CSL_LISTS = ("Entity List", "Military End User", "Chinese Military-Industrial")
CETC = "China Electronics Technology Group Corporation"
SMIC = "Semiconductor Manufacturing International Corporation"
AVIC = (
    "Aviation Industry Corporation of China Ltd",
    "Aviation Industry Corporation of China Ltd.",
    "Aviation Industry Corporation of China, Ltd.",
)
CASIC = (
    "China Aerospace Science and Industry Corporation Limited",
    "China Aerospace Science and Industry Corporation Limited (CASIC)",
)
CCCG = (
    "China Communications Construction Group (Limited)",
    "China Communications Construction Group Limited",
)


def _csv_path() -> Path:
    return shared_path("data", "opensanctions_us_lists", "dod_1260h_chinese_military_companies.csv")


def _json_path() -> Path:
    return shared_path("data", "nsfreg_us_restricted_lists_2026-07", "dow_1260h.json")


def _csl_path() -> Path:
    return shared_path("data", "csl", "consolidated-assembled-2026-07.csv")


def _csl_subset(path: Path) -> Iterator[ListRecord | Rejection]:
    for item in iter_csl(path):
        if isinstance(item, ListRecord) and any(s in item.list_label for s in CSL_LISTS):
            yield item


def _load_all(graph: Graph) -> list[LoadReport]:
    csl_subset = replace(CSL, records=_csl_subset)
    return [
        load(graph, csl_subset, _csl_path(), progress=False),
        load(graph, DOD_1260H, _csv_path(), progress=False),
        load(graph, DOD_1260H, _json_path(), progress=False),
    ]


@dataclass
class Loaded:
    graph: Graph
    client: TestClient
    reports: list[LoadReport]


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> Iterator[Loaded]:
    _ENTITIES.clear()
    fresh_curated(graph)
    reports = _load_all(graph)
    for client in client_for(graph.settings):
        yield Loaded(graph, client, reports)


# -- the file's own statements -----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    number: int
    name: str
    parent: str
    since: str
    until: str | None


def _rows() -> list[Row]:
    with _csv_path().open(encoding="utf-8-sig", newline="") as fh:
        return [
            Row(n, r["Clean Name"], r["Parent Name"], r["Start date"], r["End date"] or None)
            for n, r in enumerate(csv.DictReader(fh), start=1)
        ]


_ENTITIES: dict[int, str] = {}


def _entity_of(graph: Graph, row: Row) -> str | None:
    """The entity the graph resolved this CSV row's entry to (None: the entry awaits review),
    found by the row's number and tranche, never by the loader's name cleaning."""
    if not _ENTITIES:
        found = _query(
            graph,
            "MATCH (e:ListEntry)-[:RESOLVED_TO]->(n) WHERE e.source CONTAINS '1260H' "
            "AND e.start_date <> '2026-06-10' UNWIND e.rows AS row "
            "RETURN row, n.id AS id",
        )
        _ENTITIES.update({int(r["row"]): str(r["id"]) for r in found})
    return _ENTITIES.get(row.number)


def _query(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session() as session:
        return [r.data() for r in session.run(text, params)]


def _in_force(row: Row, day: str) -> bool:
    return row.since <= day and (row.until is None or row.until > day)


def _expected_listed_children(graph: Graph, parents: tuple[str, ...], day: str) -> set[str]:
    """Entities the file groups under the parent by `day` whose 1260H listing is in force
    that day (any of their tranche rows), by the entities their entries resolved to."""
    rows = _rows()
    spellings = {p.rstrip(".") for p in parents}
    children = {_entity_of(graph, r) for r in rows
                if r.parent.rstrip(".") in spellings and r.since <= day}  # fmt: skip
    listed = {_entity_of(graph, r) for r in rows if _in_force(r, day)}
    return {c for c in children & listed if c is not None}


def _parent_of(graph: Graph, parents: tuple[str, ...]) -> set[str]:
    """The entities the claims made of these spellings point at."""
    found = _query(
        graph,
        "MATCH ()-[r:SUBSIDIARY_OF {claim_kind: 'listed_parent'}]->(p) "
        "WHERE r.name_as_listed IN $names RETURN DISTINCT p.id AS id",
        names=[p.rstrip(".") for p in parents] + list(parents),
    )
    return {str(r["id"]) for r in found}


# -- tests -------------------------------------------------------------------------------------


def test_every_spelling_of_one_parent_lands_on_one_parent(loaded: Loaded) -> None:
    for spellings in (AVIC, CASIC, (CETC,), (SMIC,)):
        assert len(_parent_of(loaded.graph, spellings)) == 1, spellings
    # CCCG's own entries wait in review (the resolver doubts CCCG against CCCC): its
    # children's claims wait with them, never split over two parents.
    assert len(_parent_of(loaded.graph, CCCG)) <= 1


@pytest.mark.parametrize(
    "day", ["2021-12-31", "2024-06-30", "2025-06-30", "2026-03-01", "2026-12-01"]
)
@pytest.mark.parametrize("parents", [(CETC,), (SMIC,), AVIC])
def test_listed_subsidiaries_at_a_date_match_the_file(
    loaded: Loaded, parents: tuple[str, ...], day: str
) -> None:
    (parent,) = _parent_of(loaded.graph, parents)
    expected = _expected_listed_children(loaded.graph, parents, day)
    body = loaded.client.get(
        f"/entities/{parent}/subsidiaries",
        params={"listed": "true", "as_of": day, "lists": DOD, "limit": 500, "depth": 1},
    ).json()
    got = {item["entity"]["id"]: item for item in body["results"]}
    assert expected <= set(got), (parent, day)
    # Beyond what the CSV states, only what the per-list JSON of 2026-06-10 states.
    for extra in set(got) - expected:
        assert day >= JSON_DAY and got[extra]["path"][0]["basis"].endswith(JSON_DAY), extra
    for item in body["results"]:
        edge = item["path"][0]
        assert edge["basis"] and edge["source_ids"] and edge["sources"][0]["found"]
        assert edge["ownership"] is True


def test_an_end_date_ends_the_listing_not_the_parent(loaded: Loaded) -> None:
    """Anhui Sun Create (CETC) left the list on 2026-02-17: listed the day before, not after,
    and still CETC's subsidiary."""
    row = next(r for r in _rows() if r.name.startswith("Anhui Sun Create"))
    child = _entity_of(loaded.graph, row)
    (cetc,) = _parent_of(loaded.graph, (CETC,))
    assert child is not None and row.until == "2026-02-17"
    for day, listed in (("2026-02-16", True), ("2026-02-17", False)):
        params = {"listed": "true", "as_of": day, "lists": DOD, "limit": 500}
        body = loaded.client.get(f"/entities/{cetc}/subsidiaries", params=params).json()
        assert (child in {i["entity"]["id"] for i in body["results"]}) is listed
    everyone = loaded.client.get(
        f"/entities/{cetc}/subsidiaries", params={"as_of": "2026-03-01", "limit": 500}
    ).json()
    assert child in {i["entity"]["id"] for i in everyone["results"]}


def test_a_row_is_a_dated_designation_in_the_lists_words(loaded: Loaded) -> None:
    rows = _query(
        loaded.graph,
        "MATCH (n)-[l:LISTED_ON]->(:List {id: $list}) WHERE l.name_as_listed STARTS WITH $name "
        "RETURN l.since AS since, l.until AS until, l.note AS note, l.source_ids AS sources",
        list=DOD, name="SMIC Hong Kong International",
    )  # fmt: skip
    assert [(r["since"], r["until"], r["note"]) for r in rows] == [
        ("2021-06-03", "2024-01-31", "No longer owned by SMIC")
    ]
    airborne = _query(
        loaded.graph,
        "MATCH (n)-[l:LISTED_ON]->(:List {id: $list}) WHERE l.name_as_listed STARTS WITH $name "
        "AND l.since = '2025-01-07' RETURN l.previous_names AS previous",
        list=DOD, name="AVIC Airborne Systems",
    )  # fmt: skip
    assert airborne == [{"previous": ["China Avionics Systems Co., Ltd."]}]


def test_two_sources_about_one_pair_stay_two_claims(loaded: Loaded) -> None:
    """Hikvision -> CETC: the curated control fact, and the 2021 and 2025 tranches' claims."""
    rows = _query(
        loaded.graph,
        "MATCH (:Entity {id: 'company:hikvision'})-[r]->(:Entity {id: 'company:cetc'}) "
        "RETURN type(r) AS type, r.origin AS origin, r.since AS since, r.basis AS basis",
    )
    claims = sorted((r["since"], r["basis"]) for r in rows if r["origin"] == "dod-1260h")
    assert [since for since, _ in claims] == ["2021-06-03", "2025-01-07"]
    assert all("DoD 1260H list of " + since in basis for since, basis in claims)
    assert any(r["origin"] == "curated" for r in rows)
    body = loaded.client.get(
        "/entities/company:cetc/subsidiaries", params={"as_of": "2021-12-31", "limit": 500}
    ).json()
    hik = next(i for i in body["results"] if i["entity"]["id"] == "company:hikvision")
    assert "2021-06-03" in hik["path"][0]["basis"]


def test_a_linked_to_pair_has_a_cited_path_that_is_not_ownership(loaded: Loaded) -> None:
    found = _query(
        loaded.graph,
        "MATCH (a)-[r:LINKED_TO]->(b) WHERE r.basis STARTS WITH 'Linked To: CHINA MOBILE' "
        "RETURN a.id AS a, b.id AS b, r.basis AS basis",
    )
    assert found, "NS-CMIC's China Mobile Limited is Linked To China Mobile Communications Group"
    a, b = found[0]["a"], found[0]["b"]
    body = loaded.client.get("/paths", params={"from": a, "to": b, "rel": "LINKED_TO"}).json()
    edge = body["results"][0]["edges"][0]
    assert edge["type"] == "LINKED_TO" and edge["ownership"] is False
    assert edge["basis"].startswith("Linked To: ") and edge["sources"][0]["found"]
    detail = loaded.client.get(f"/entities/{a}").json()
    assert b in {link["entity"]["id"] for link in detail["linked"]}
    subs = loaded.client.get(f"/entities/{b}/subsidiaries", params={"limit": 500}).json()
    for item in subs["results"]:
        assert all(e["type"] != "LINKED_TO" for e in item["path"])


def test_a_subordinate_institution_appears_under_its_institute(loaded: Loaded) -> None:
    """The MEU names AECC's subordinate institutions; each is a subsidiary of what the
    resolver made of "Aero-Engine Company of China", with the list's words as the basis."""
    found = _query(
        loaded.graph,
        "MATCH (a)-[r:SUBSIDIARY_OF {claim_kind: 'subordinate_institution'}]->(p) "
        "WHERE r.name_as_listed = 'Aero-Engine Company of China' "
        "RETURN a.id AS a, p.id AS p, r.basis AS basis",
    )
    assert len({r["p"] for r in found}) == 1 and len(found) >= 5
    parent = found[0]["p"]
    body = loaded.client.get(f"/entities/{parent}/subsidiaries", params={"limit": 500}).json()
    under = {i["entity"]["id"]: i["path"][0] for i in body["results"] if i["depth"] == 1}
    for row in found:
        assert row["a"] in under and "Subordinate institution of" in under[row["a"]]["basis"]


def test_an_institutes_subordinate_institutions_reach_its_group(loaded: Loaded) -> None:
    """The Entity List's "<institute> (CETC 13) subordinate institution: <name>" rows: each
    named institution is under the 13th institute, which is its own entity (a numbered unit
    is never its group, nor a doubt about it) and, named as a unit of CETC, is under CETC."""
    rows = _query(
        loaded.graph,
        "MATCH (s:Entity)-[r:SUBSIDIARY_OF {claim_kind: 'subordinate_institution'}]->(i:Entity) "
        "WHERE r.basis CONTAINS '(CETC 13) subordinate institution' "
        "RETURN collect(DISTINCT i.id) AS institutes, collect(s.name) AS names",
    )[0]
    assert len(rows["institutes"]) == 1 and "Bowei Integrated Circuits" in rows["names"]
    (institute,) = rows["institutes"]
    assert institute != "company:cetc"
    body = loaded.client.get(
        "/entities/company:cetc/subsidiaries", params={"listed": "true", "limit": 500}
    ).json()
    paths = {i["entity"]["name"]: [e["to"] for e in i["path"]] for i in body["results"]}
    assert institute in paths["Bowei Integrated Circuits"]


def test_a_statement_whose_target_waits_in_review_is_held_not_dropped(loaded: Loaded) -> None:
    """A claim whose target the resolver doubts is a pending review item holding the claim."""
    items = _query(
        loaded.graph,
        "MATCH (r:ReviewItem {kind: 'list_claim', status: 'pending'}) "
        "RETURN r.input AS input, r.proposed_facts_json AS facts",
    )
    assert items and all('"SUBSIDIARY_OF"' in i["facts"] or '"BRANCH_OF"' in i["facts"]
                         or '"LINKED_TO"' in i["facts"] for i in items)  # fmt: skip
    claims = [r.extra["claims"] for r in loaded.reports]
    assert all("by_kind" in c and "targets" in c for c in claims)
    assert claims[1]["by_kind"]["listed_parent"] > 100


def _facts(graph: Graph) -> set[tuple[Any, ...]]:
    """Every relationship with its properties, load runs aside (each load records its run)."""
    rows = _query(
        graph,
        "MATCH (a)-[r]->(b) WHERE NOT a:LoadRun AND NOT b:LoadRun "
        "RETURN coalesce(a.id, elementId(a)) AS a, type(r) AS t, coalesce(b.id, elementId(b)) "
        "AS b, properties(r) AS props",
    )
    return {(r["a"], r["t"], r["b"], json.dumps(r["props"], sort_keys=True)) for r in rows}


def test_loading_twice_changes_nothing(loaded: Loaded) -> None:
    before, nodes = _facts(loaded.graph), counts(loaded.graph)["nodes"]
    again = _load_all(loaded.graph)
    assert _facts(loaded.graph) == before
    assert counts(loaded.graph)["nodes"] == nodes + len(again)  # one LoadRun per load
    # The 1260H files are the last loads: their rerun meets the very graph they met, and
    # decides every claim the same way.
    first, rerun = loaded.reports[-1].extra["claims"], again[-1].extra["claims"]
    assert (rerun["by_kind"], rerun["targets"]) == (first["by_kind"], first["targets"])
    assert rerun["relationships_created"] == 0


# -- what a name states, and what it does not --------------------------------------------------


def _record(name: str, *, alt: tuple[str, ...] = (), remarks: str | None = None) -> ListRecord:
    label = "Entity List (EL) - Bureau of Industry and Security"
    record = ListRecord(1, list_for_label(label), label, name, alt_names=alt, remarks=remarks)
    return with_subject(record)


def test_names_that_state_a_parent() -> None:
    sub = _record(f"{CETC} 13th Research Institute (CETC 13) subordinate institution: Envoltek")
    assert sub.name == "Envoltek"
    (s,) = statements_of(sub)
    assert s.kind is ClaimKind.SUBORDINATE and s.names == (
        f"{CETC} 13th Research Institute",
        "CETC 13",
    )
    branch = _record("P.A. Voronin Lukhovitsk Aviation Plant, branch of RSK MiG")
    assert branch.name == "P.A. Voronin Lukhovitsk Aviation Plant"
    assert [(s.kind, s.names) for s in statements_of(branch)] == [(ClaimKind.BRANCH, ("RSK MiG",))]
    hongyu = _record("Guangzhou Hongyu Technology Co., Ltd. (a subordinate institute of CETC-7)")
    assert [s.names for s in statements_of(hongyu)] == [("CETC-7",)]
    unit = statements_of(_record(f"{CETC} 38th Research Institute"))
    assert [(s.kind, s.names, s.confident_only) for s in unit] == [
        (ClaimKind.NAMED_UNIT, (CETC,), True)
    ]
    linked = _record("China Mobile Limited", remarks="Program: CMIC-EO13959; Linked To: "
                     "CHINA MOBILE COMMUNICATIONS GROUP CO., LTD.")  # fmt: skip
    assert [s.kind for s in statements_of(linked)] == [ClaimKind.LINKED_TO]


def test_names_that_state_nothing() -> None:
    for name in (
        "Institute of Laser Physics of the Siberian Branch of the Russian Academy of Sciences",
        "Rzhanov Institute of Semiconductor Physics Siberian Branch of Russian Academy of Sciences",
        "Huawei Technical Service Co., Ltd.",
        "Aviation Industry Corporation of China Research Institute",
    ):
        record = _record(name)
        assert record.name == name
        assert [s for s in statements_of(record) if not s.confident_only] == [], name
    # A remark about other parties states their parent, never the entry's, and the shared
    # address it mentions is no basis.
    other = _record("TAJCO", remarks="(Tradex Co. is a subsidiary of Tajco Company and operates "
                    "from the same business address in Freetown, Sierra Leone)")  # fmt: skip
    (stated,) = statements_of(other)
    assert stated.subjects == ("Tradex Co.",) and stated.names == ("Tajco Company",)
    assert "address" not in stated.basis


def test_exposure_reaches_through_a_list_stated_claim(loaded: Loaded) -> None:
    """A branch or unit the Entity List itself places under a listed parent: the parent's
    scope rule reaches it through that claim, and the path edge says the list's words."""
    found = _query(
        loaded.graph,
        "MATCH (a)-[r:SUBSIDIARY_OF|BRANCH_OF]->(p)-[:LISTED_ON]->(:List {id: $list}) "
        "WHERE r.claim_kind IS NOT NULL "
        "AND NOT (a)-[:SUBSIDIARY_OF|BRANCH_OF {origin: 'curated'}]->() "
        "RETURN a.id AS a, p.id AS p, r.basis AS basis ORDER BY a.id LIMIT 1",
        list="list:us-bis-entity-list",
    )
    assert found, "the Entity List names branches and units of listed parents"
    child, parent = found[0]["a"], found[0]["p"]
    body = loaded.client.get(f"/entities/{child}/exposure").json()
    through = [d for d in body["derived"] if d["through"]["id"] == parent]
    assert through, body["summary"]
    edge = through[0]["path"][0]
    assert edge["basis"] == found[0]["basis"] and edge["source_ids"]


def test_ftm_export_writes_claims_as_ownership_and_links(loaded: Loaded) -> None:
    from exports.ftm import export_entities

    found = _query(
        loaded.graph,
        "MATCH (a)-[r:LINKED_TO]->(b) RETURN a.id AS a, r.fact_id AS fact ORDER BY a.id LIMIT 1",
    )
    proxies = list(export_entities(loaded.graph, found[0]["a"], 1))
    by_record = {p.first("recordId"): p for p in proxies if p.schema.get("recordId")}
    link = by_record[found[0]["fact"]]
    assert link.schema.name == "UnknownLink" and link.first("role") == "LINKED_TO"
    assert str(link.first("description")).startswith("Linked To: ")
    (cetc,) = _parent_of(loaded.graph, (CETC,))
    owned = [p for p in export_entities(loaded.graph, cetc, 1) if p.schema.name == "Ownership"]
    assert any("DoD 1260H list of" in str(p.first("description")) for p in owned)
