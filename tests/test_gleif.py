"""GLEIF Level 1 and 2 through `survgraph update --source gleif` and `survgraph load gleif`.

The API is a real HTTP server on 127.0.0.1 (started here) answering in GLEIF's documented
JSON:API shapes (as recorded from api.gleif.org/api/v1: `lei-records` with `entity.legalName`
and `registration`, `relationship-records` with `relationship.startNode/endNode/type/status/
periods` and `registration`, `reporting-exceptions` with `lei/category/reason`; a collection
with `meta.pagination` and `links.next`; 404 where there is no record), with its own small
group of test entities: a subsidiary with a direct and an ultimate parent, a former subsidiary
whose relationship ended, and an entity that reports no parent (NON_CONSOLIDATING). The
server also answers 304 to a kept ETag, 429 with Retry-After, and 500. Real httpx, real
Neo4j, the real CLI; nothing is mocked.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from test_api_support import client_for

from cli.main import main
from graph.db import Graph
from graph.settings import get_settings
from loaders.ftm import load_ftm
from loaders.plumbing.report import Rejection
from loaders.sources.gleif import LeiRecord, Relationship, ReportingException, iter_gleif
from tests.conftest import wipe
from tests.test_ftm_fixtures import entity

SUB = "300300TESTSUB0000068"  # in the graph with its LEI (check digits valid: FtM checks them)
HLD = "300300TESTHLD0000083"  # in the graph by name only: matched by its GLEIF legal name
GRP = "300300TESTGRP0000039"  # not in the graph: created from its GLEIF record
OLD = "300300TESTOLD0000048"  # in the graph; its relationship to HLD ended on 2021-06-30
NCS = "300300TESTNCS0000092"  # in the graph; reports no parent: NON_CONSOLIDATING
OPT = "300300TESTOPT0000054"  # asked for by name (--name)
NAMES = {
    SUB: "Test Camera Manufacturing Co., Ltd.",
    HLD: "Test Vision Holdings Limited",
    GRP: "Test Group Corporation",
    OLD: "Test Former Subsidiary Co., Ltd.",
    NCS: "Test Standalone Sensors Co., Ltd.",
    OPT: "Test Optics Trading Limited",
}
API = "https://api.gleif.org/api/v1"


def lei_record(lei: str) -> dict[str, Any]:
    return {
        "type": "lei-records",
        "id": lei,
        "attributes": {
            "lei": lei,
            "entity": {
                "legalName": {"name": NAMES[lei], "language": "en"},
                "otherNames": [],
                "transliteratedOtherNames": [],
                "legalAddress": {"language": "en", "city": "Hangzhou", "country": "CN"},
                "jurisdiction": "CN",
                "status": "ACTIVE",
            },
            "registration": {
                "initialRegistrationDate": "2017-05-17T15:44:28Z",
                "lastUpdateDate": "2025-03-13T18:39:27Z",
                "status": "ISSUED",
                "managingLou": "5493001KJTIIGC8Y1R12",
                "corroborationLevel": "FULLY_CORROBORATED",
            },
        },
        "links": {"self": f"{API}/lei-records/{lei}"},
    }


def relationship(
    child: str, parent: str, kind: str, start: str, end: str | None = None
) -> dict[str, Any]:
    period: dict[str, Any] = {"startDate": f"{start}T00:00:00Z", "type": "RELATIONSHIP_PERIOD"}
    if end:
        period["endDate"] = f"{end}T00:00:00Z"
    accounting = {
        "startDate": "2016-01-01T00:00:00Z",
        "endDate": "2016-12-31T00:00:00Z",
        "type": "ACCOUNTING_PERIOD",
    }
    return {
        "type": "relationship-records",
        "id": f"{child}|LEI|{kind}|1|test|",
        "attributes": {
            "validFrom": "2025-03-14T00:00:00Z",
            "validTo": None,
            "relationship": {
                "startNode": {"id": child, "type": "LEI"},
                "endNode": {"id": parent, "type": "LEI"},
                "type": kind,
                "status": "INACTIVE" if end else "ACTIVE",
                "periods": [period, accounting],
            },
            "registration": {
                "initialRegistrationDate": "2017-05-17T15:44:28Z",
                "lastUpdateDate": "2025-03-13T18:39:27Z",
                "status": "PUBLISHED",
                "managingLou": "5493001KJTIIGC8Y1R12",
                "corroborationLevel": "ENTITY_SUPPLIED_ONLY",
                "corroborationDocuments": "OTHER_OFFICIAL_DOCUMENTS",
                "corroborationReference": None,
            },
            "extension": {"deletedAt": None},
        },
    }


def exception(lei: str, scope: str, reason: str) -> dict[str, Any]:
    category = f"{scope.upper()}_ACCOUNTING_CONSOLIDATION_PARENT"
    return {
        "type": "reporting-exceptions",
        "id": f"{lei}|0|test|{category}|",
        "attributes": {
            "validFrom": None,
            "validTo": None,
            "lei": lei,
            "category": category,
            "reason": reason,
            "reference": None,
        },
    }


DIRECT, ULTIMATE = "IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY"


def answers() -> dict[tuple[str, str], dict[str, Any]]:
    """(LEI, endpoint) -> the resource the API answers; anything else is a 404."""
    return {
        (SUB, "direct-parent-relationship"): relationship(SUB, HLD, DIRECT, "2015-01-01"),
        (SUB, "ultimate-parent-relationship"): relationship(SUB, GRP, ULTIMATE, "2015-01-01"),
        (HLD, "direct-parent-relationship"): relationship(HLD, GRP, DIRECT, "2010-05-01"),
        (GRP, "direct-parent-reporting-exception"): exception(GRP, "direct", "NATURAL_PERSONS"),
        (OLD, "direct-parent-relationship"): relationship(
            OLD, HLD, DIRECT, "2012-03-01", "2021-06-30"
        ),
        (OLD, "ultimate-parent-reporting-exception"): exception(OLD, "ultimate", "NO_KNOWN_PERSON"),
        (OPT, "direct-parent-relationship"): relationship(OPT, HLD, DIRECT, "2019-07-01"),
        (NCS, "direct-parent-reporting-exception"): exception(NCS, "direct", "NON_CONSOLIDATING"),
        (NCS, "ultimate-parent-reporting-exception"): exception(
            NCS, "ultimate", "NON_CONSOLIDATING"
        ),
    }


class Gleif(BaseHTTPRequestHandler):
    """/api/v1/lei-records[...] as GLEIF answers them; `mode` adds 429s and 500s."""

    mode: ClassVar[str] = "ok"
    resources: ClassVar[dict[tuple[str, str], dict[str, Any]]] = {}
    seen: ClassVar[list[tuple[str, dict[str, str]]]] = []
    throttled: ClassVar[int] = 0

    def do_GET(self) -> None:
        Gleif.seen.append((self.path, dict(self.headers)))
        if self._refused():
            return
        parts = urlsplit(self.path)
        segments = parts.path.removeprefix("/api/v1/").split("/")
        if segments == ["lei-records"]:
            self._collection(parse_qs(parts.query))
        elif len(segments) == 3 and (segments[1], segments[2]) in self.resources:
            self._send({"data": self.resources[(segments[1], segments[2])]})
        elif len(segments) == 3 and self.mode == "500" and "relationship" in segments[2]:
            self.send_error(500, "upstream broke")
        else:
            self._json(404, {"errors": [{"status": "404", "title": "Not Found"}]})

    def _refused(self) -> bool:
        """429 as the mode says: once, always (1 s), or asking for an hour."""
        once = self.mode == "429-once" and Gleif.throttled == 0
        if not (once or self.mode in ("429-always", "429-long")):
            return False
        Gleif.throttled += 1
        self.send_response(429)
        self.send_header("Retry-After", "3600" if self.mode == "429-long" else "1")
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def _collection(self, query: dict[str, list[str]]) -> None:
        leis = sorted(k for (k, kind) in self.resources if kind == "")
        if "filter[lei]" in query:
            wanted = set(query["filter[lei]"][0].split(","))
            leis = [lei for lei in leis if lei in wanted]
        if "filter[entity.legalName]" in query:
            leis = [lei for lei in leis if NAMES[lei] == query["filter[entity.legalName]"][0]]
        size = int(query.get("page[size]", ["10"])[0])
        number = int(query.get("page[number]", ["1"])[0])
        last = max(1, -(-len(leis) // size))
        page = [self.resources[(lei, "")] for lei in leis[(number - 1) * size : number * size]]
        base = f"http://{self.headers['Host']}/api/v1/lei-records"
        links = {"first": f"{base}?page[number]=1", "last": f"{base}?page[number]={last}"}
        if number < last:
            rest = {k: v[0] for k, v in query.items() if k != "page[number]"}
            qs = "&".join(f"{k}={v}" for k, v in rest.items())
            links["next"] = f"{base}?{qs}&page[number]={number + 1}"
        meta = {"pagination": {"currentPage": number, "perPage": size, "lastPage": last}}
        self._send({"meta": meta, "links": links, "data": page})

    def _send(self, document: dict[str, Any]) -> None:
        body = json.dumps(document).encode("utf-8")
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._json(200, document, etag)

    def _json(self, status: int, document: dict[str, Any], etag: str | None = None) -> None:
        body = json.dumps(document).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/vnd.api+json")
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return


def serve(extra: dict[tuple[str, str], dict[str, Any]] | None = None) -> None:
    records = {(lei, ""): lei_record(lei) for lei in NAMES}
    Gleif.resources = {**records, **answers(), **(extra or {})}
    Gleif.mode, Gleif.throttled = "ok", 0


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    serve()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Gleif)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/api/v1"
    httpd.shutdown()


@pytest.fixture(scope="module")
def env(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[pytest.MonkeyPatch]:
    patch = pytest.MonkeyPatch()
    patch.setenv("SURVGRAPH_GLEIF_API_URL", server)
    patch.setenv("SURVGRAPH_DOWNLOADS_DIR", str(tmp_path_factory.mktemp("downloads")))
    patch.setenv("SURVGRAPH_GLEIF_PAGE_SIZE", "2")  # six LEI records: three pages
    patch.setenv("SURVGRAPH_GLEIF_MIN_INTERVAL", "0")
    patch.setenv("SURVGRAPH_GLEIF_MAX_RETRIES", "2")
    patch.setenv("SURVGRAPH_GLEIF_MAX_WAIT", "5")
    get_settings.cache_clear()
    yield patch
    patch.undo()
    get_settings.cache_clear()


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return [r.data() for r in session.run(text, params)]


def state(graph: Graph) -> tuple[Any, ...]:
    """The entities, sources and claims (a load's LoadRun aside), as stored."""
    nodes = q(
        graph,
        "MATCH (n) WHERE n:Entity OR n:Source RETURN n.id AS id, properties(n) AS p ORDER BY id",
    )
    rels = q(
        graph,
        "MATCH ()-[r]->() WHERE NOT r:READ "
        "RETURN r.fact_id AS f, properties(r) AS p ORDER BY f, p.since",
    )
    return json.dumps(nodes, default=str, sort_keys=True), json.dumps(rels, default=str)


@pytest.fixture(scope="module")
def graph_with_leis(
    graph: Graph, env: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Graph:
    """Four companies with their LEIs (as an FtM file states them: `leiCode`), and the holding
    by its name only."""
    wipe(graph)
    rows = [
        entity("Company", f"company.gleif-{key.lower()}", name=NAMES[lei], leiCode=lei)
        for key, lei in (("sub", SUB), ("old", OLD), ("ncs", NCS))
    ]
    rows.append(entity("Company", "company.gleif-hld", name=NAMES[HLD], country="cn"))
    path = tmp_path_factory.mktemp("ftm") / "leis.ftm.json"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    load_ftm(graph, path)
    return graph


def parents(graph: Graph, entity_id: str) -> list[dict[str, Any]]:
    return q(
        graph,
        "MATCH (a:Entity {id: $id})-[r {origin: 'gleif'}]->(p:Entity) "
        "RETURN type(r) AS type, p.id AS parent, r.claim_kind AS kind, r.since AS since, "
        "r.until AS until, r.gleif_relationship_status AS status, r.share_kind AS share, "
        "r.source_ids AS sources, r.basis AS basis, r.gleif_periods AS periods "
        "ORDER BY kind",
        id=entity_id,
    )


# -- parsing: no database ----------------------------------------------------------------------


def test_api_documents_parse_into_typed_records(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    fund = relationship(SUB, HLD, "IS_FUND-MANAGED_BY", "2015-01-01")
    documents = [
        {"data": lei_record(SUB)},
        {"data": relationship(OLD, HLD, DIRECT, "2012-03-01", "2021-06-30")},
        {"data": exception(NCS, "direct", "NON_CONSOLIDATING")},
        {"data": [fund]},
    ]
    path.write_text(json.dumps(documents), encoding="utf-8")
    items = list(iter_gleif(path))
    record, rel, exc, rejected = items
    assert isinstance(record, LeiRecord) and record.name == NAMES[SUB] and record.country == "CN"
    assert isinstance(rel, Relationship)
    assert (rel.child, rel.parent, rel.status) == (OLD, HLD, "INACTIVE")
    # The relationship's own period, never the accounting year that documents it.
    assert (rel.start, rel.end) == ("2012-03-01", "2021-06-30")
    assert "ACCOUNTING_PERIOD 2016-01-01..2016-12-31" in rel.periods
    assert isinstance(exc, ReportingException)
    assert exc.words() == "direct parent not reported: NON_CONSOLIDATING"
    assert isinstance(rejected, Rejection) and "IS_FUND-MANAGED_BY" in rejected.reason


def test_golden_copy_csvs_parse(tmp_path: Path) -> None:
    """The RR CDF layout with the accounting period in slot 1 and the relationship's own
    period in slot 2; the reporting exceptions' layout."""
    rr = tmp_path / "rr.csv"
    rr.write_text(
        "Relationship.StartNode.NodeID,Relationship.StartNode.NodeIDType,"
        "Relationship.EndNode.NodeID,Relationship.EndNode.NodeIDType,"
        "Relationship.RelationshipType,Relationship.RelationshipStatus,"
        "Relationship.Period.1.startDate,Relationship.Period.1.endDate,"
        "Relationship.Period.1.periodType,Relationship.Period.2.startDate,"
        "Relationship.Period.2.endDate,Relationship.Period.2.periodType,"
        "Registration.RegistrationStatus,Registration.LastUpdateDate\n"
        f"{OPT},LEI,{HLD},LEI,{DIRECT},ACTIVE,2021-01-01T01:00:00+01:00,"
        "2021-12-31T01:00:00+01:00,ACCOUNTING_PERIOD,2017-12-06T01:00:00+01:00,,"
        "RELATIONSHIP_PERIOD,PUBLISHED,2024-02-01T10:00:00Z\n",
        encoding="utf-8",
    )
    (rel,) = list(iter_gleif(rr))
    assert isinstance(rel, Relationship)
    assert (rel.start, rel.end, rel.scope) == ("2017-12-06", None, "direct")
    repex = tmp_path / "repex.csv"
    repex.write_text(
        "LEI,Exception.Category,Exception.Reason.1,Exception.Reference.1\n"
        f"{OPT},ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT,NATURAL_PERSONS,\n",
        encoding="utf-8",
    )
    (exc,) = list(iter_gleif(repex))
    assert isinstance(exc, ReportingException)
    assert exc.words() == "ultimate parent not reported: NATURAL_PERSONS"


def test_retry_after_in_seconds_or_as_a_date() -> None:
    from loaders.api_download import _retry_after

    assert _retry_after("120") == 120.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a day gone: no wait
    assert 3500 < _retry_after(format_datetime(datetime.now(UTC) + timedelta(hours=1))) <= 3600


# -- survgraph update --source gleif ------------------------------------------------------------


def update(*extra: str) -> int:
    return main(["update", "--source", "gleif", *extra])


def test_update_loads_parents_ultimate_parents_periods_and_exceptions(
    graph_with_leis: Graph, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = graph_with_leis
    Gleif.seen.clear()
    assert update("--name", NAMES[OPT]) == 0
    out = capsys.readouterr().out
    assert "gleif: loaded (4 LEIs" in out, out  # three in the graph, one by its name
    pages = [p for p, _ in Gleif.seen if "filter%5Blei%5D" in p or "filter[lei]" in p]
    assert any("page[number]=2" in p or "page%5Bnumber%5D=2" in p for p in pages), "\n".join(
        p for p, _ in Gleif.seen
    )

    sub = parents(graph, "company:gleif-sub")
    assert [(p["type"], p["kind"], p["since"], p["until"]) for p in sub] == [
        ("CONTROLLED_BY", "gleif_direct_parent", "2015-01-01", None),
        ("CONTROLLED_BY", "gleif_ultimate_parent", "2015-01-01", None),
    ]
    # The holding was in the graph by its name: matched, and now carries its LEI.
    assert sub[0]["parent"] == "company:gleif-hld"
    hld = q(graph, "MATCH (n:Entity {id: 'company:gleif-hld'}) RETURN n.identifiers AS ids")
    assert f"lei:{HLD}" in hld[0]["ids"]
    # The parent's own parent, asked for one level up: the chain, not only its two ends.
    (hld_parent,) = parents(graph, "company:gleif-hld")
    assert (hld_parent["kind"], hld_parent["parent"]) == ("gleif_direct_parent", sub[1]["parent"])
    # The ultimate parent was not: a company named as GLEIF registers it, with its LEI.
    grp = q(
        graph,
        "MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.identifiers AS ids",
        id=sub[1]["parent"],
    )
    assert grp == [{"name": NAMES[GRP], "ids": [f"lei:{GRP}"]}]
    said = q(graph, "MATCH (n {id: $id}) RETURN n.parent_not_reported AS s", id=sub[1]["parent"])
    assert said == [{"s": ["direct parent not reported: NATURAL_PERSONS"]}]
    # Consolidation is control, not a share; every claim cites the GLEIF snapshot.
    assert {p["share"] for p in sub} == {"not_stated"}
    source = q(
        graph,
        "MATCH (s:Source {id: $id}) RETURN s.licence AS licence, s.publisher AS publisher",
        id=sub[0]["sources"][0],
    )
    assert source[0]["licence"] == "CC0 1.0" and "GLEIF" in source[0]["publisher"]
    assert f"{SUB} {DIRECT} {HLD} (ACTIVE)" in sub[0]["basis"]

    # An ended relationship has its end; the exception beside it is a stated reason.
    (old,) = parents(graph, "company:gleif-old")
    assert (old["status"], old["since"], old["until"]) == ("INACTIVE", "2012-03-01", "2021-06-30")
    # The name asked for: found, and its parent loaded.
    opt = q(
        graph,
        "MATCH (n:Entity)-[r:CONTROLLED_BY]->(p {id: 'company:gleif-hld'}) "
        "WHERE $lei IN [i IN n.identifiers | substring(i, 4)] RETURN r.since AS since",
        lei=OPT,
    )
    assert opt == [{"since": "2019-07-01"}]


def test_exceptions_are_reasons_never_no_parent(graph_with_leis: Graph) -> None:
    """Read through the API's entity answer: the exception is stated, the ended relationship
    is a parent before its end and none after it."""
    assert not parents(graph_with_leis, "company:gleif-ncs")
    for client in client_for(graph_with_leis.settings):
        ncs = client.get("/entities/company:gleif-ncs").json()
        assert ncs["attributes"]["parent_not_reported"] == [
            "direct parent not reported: NON_CONSOLIDATING",
            "ultimate parent not reported: NON_CONSOLIDATING",
        ]
        assert ncs["attributes"]["parent_not_reported_source_ids"]
        old_then = client.get("/entities/company:gleif-old", params={"as_of": "2020-01-01"})
        old_now = client.get("/entities/company:gleif-old", params={"as_of": str(date.today())})
        assert [p["entity"]["id"] for p in old_then.json()["parents"]] == ["company:gleif-hld"]
        assert old_now.json()["parents"] == []
        assert old_now.json()["attributes"]["parent_not_reported"] == [
            "ultimate parent not reported: NO_KNOWN_PERSON"
        ]


def test_an_unchanged_register_is_asked_conditionally_and_not_loaded_again(
    graph_with_leis: Graph, capsys: pytest.CaptureFixture[str]
) -> None:
    before = state(graph_with_leis)
    Gleif.seen.clear()
    assert update("--name", NAMES[OPT]) == 0
    assert "unchanged" in capsys.readouterr().out
    # Every record asked again is asked with the ETag of its last answer (the graph's LEIs
    # grew by the three the first update identified, so the batch of LEI records is new).
    again = [f"/api/v1/lei-records/{lei}/{kind}" for lei, kind in answers()]
    headers = {path: h for path, h in Gleif.seen}
    assert all(headers[path].get("If-None-Match") for path in again)
    assert state(graph_with_leis) == before


def test_a_malformed_lei_is_refused_before_any_request(
    graph_with_leis: Graph, capsys: pytest.CaptureFixture[str]
) -> None:
    Gleif.seen.clear()
    assert update("--lei", "NOT-AN-LEI") == 3
    assert "not an LEI" in capsys.readouterr().out and not Gleif.seen


def test_a_429_is_waited_out_as_its_retry_after_says(
    graph_with_leis: Graph, capsys: pytest.CaptureFixture[str]
) -> None:
    Gleif.mode = "429-once"
    started = time.monotonic()
    assert update("--name", NAMES[OPT]) == 0
    assert time.monotonic() - started >= 1.0  # Retry-After: 1, never sooner
    assert Gleif.throttled == 1
    Gleif.mode = "ok"
    capsys.readouterr()


@pytest.mark.parametrize("mode", ["429-always", "429-long", "500", "offline"])
def test_a_failed_or_rate_limited_update_leaves_the_graph_unchanged(
    graph_with_leis: Graph,
    env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    server: str,
    mode: str,
) -> None:
    # A new parent is waiting on the server: only a complete update may load it.
    serve({(NCS, "direct-parent-relationship"): relationship(NCS, GRP, DIRECT, "2024-01-01")})
    downloads = get_settings().downloads_dir
    file_before = (downloads / "gleif-records.json").read_bytes()
    before = state(graph_with_leis)
    Gleif.mode = mode
    if mode == "offline":
        with socket.socket() as sock:  # a port nobody listens on
            sock.bind(("127.0.0.1", 0))
            env.setenv("SURVGRAPH_GLEIF_API_URL", f"http://127.0.0.1:{sock.getsockname()[1]}")
        get_settings.cache_clear()
    started = time.monotonic()
    try:
        assert update() == 3
    finally:
        env.setenv("SURVGRAPH_GLEIF_API_URL", server)
        get_settings.cache_clear()
        serve()
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("gleif: not updated ("), lines
    if mode == "429-long":  # an hour asked for: refused at once, never retried early
        assert time.monotonic() - started < 5 and "Retry-After 3600" in lines[0]
    assert (downloads / "gleif-records.json").read_bytes() == file_before
    assert state(graph_with_leis) == before


# -- survgraph load gleif FILE ------------------------------------------------------------------


def test_load_reads_api_json_and_golden_copy_files_once(
    graph_with_leis: Graph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A relationship file for an LEI the graph knows, its exceptions file, then the same
    again: the second load creates nothing."""
    rr = tmp_path / "rr.csv"
    rr.write_text(
        "Relationship.StartNode.NodeID,Relationship.EndNode.NodeID,"
        "Relationship.RelationshipType,Relationship.RelationshipStatus,"
        "Relationship.Period.1.startDate,Relationship.Period.1.endDate,"
        "Relationship.Period.1.periodType\n"
        f"{NCS},{GRP},{DIRECT},ACTIVE,2024-01-01T00:00:00Z,,RELATIONSHIP_PERIOD\n"
        f"99990000000000000001,{GRP},{DIRECT},ACTIVE,2024-01-01T00:00:00Z,,RELATIONSHIP_PERIOD\n",
        encoding="utf-8",
    )
    api = tmp_path / "answer.json"
    api.write_text(json.dumps({"data": exception(SUB, "direct", "NATURAL_PERSONS")}))
    assert main(["load", "gleif", str(rr)]) == 0
    (ncs,) = parents(graph_with_leis, "company:gleif-ncs")
    assert (ncs["kind"], ncs["since"]) == ("gleif_direct_parent", "2024-01-01")
    grp = q(
        graph_with_leis,
        "MATCH (n:Entity) WHERE $key IN n.identifiers RETURN n.id AS id",
        key=f"lei:{GRP}",
    )
    assert [ncs["parent"]] == [g["id"] for g in grp]  # found by the LEI it now carries
    # The row about an LEI neither in the file's records nor the graph is not loaded.
    assert not q(
        graph_with_leis,
        "MATCH (n:Entity) WHERE $key IN n.identifiers RETURN n",
        key="lei:99990000000000000001",
    )
    # The reported direct parent replaces the direct exception; the ultimate one stays.
    attrs = q(
        graph_with_leis, "MATCH (n {id: 'company:gleif-ncs'}) RETURN n.parent_not_reported AS said"
    )
    assert attrs == [{"said": ["ultimate parent not reported: NON_CONSOLIDATING"]}]
    assert main(["load", "gleif", str(api)]) == 0
    # A golden copy's LEI records: the one the graph knows is read, the rest of the world not.
    level1 = tmp_path / "lei.csv"
    level1.write_text(
        "LEI,Entity.LegalName,Entity.LegalAddress.Country,Entity.EntityStatus\n"
        f"{OPT},{NAMES[OPT]},HK,ACTIVE\n"
        "99990000000000000002,Somebody Else Ltd,GB,ACTIVE\n",
        encoding="utf-8",
    )
    assert main(["load", "gleif", str(level1)]) == 0
    assert not q(graph_with_leis, "MATCH (n:Entity {name: 'Somebody Else Ltd'}) RETURN n")
    # A parent a relationship file names only by its LEI, named when its record comes.
    unnamed = "99990000000000000003"
    parent = tmp_path / "parent.csv"
    parent.write_text(
        rr.read_text().splitlines()[0] + "\n" + f"{OPT},{unnamed},{DIRECT},"
        "ACTIVE,2023-01-01T00:00:00Z,,RELATIONSHIP_PERIOD\n",
        encoding="utf-8",
    )
    assert main(["load", "gleif", str(parent)]) == 0
    named = "MATCH (n:Entity) WHERE $key IN n.identifiers RETURN n.name AS name, n.note AS note"
    (found,) = q(graph_with_leis, named, key=f"lei:{unnamed}")
    assert found["name"] == f"LEI {unnamed}" and "LEI only" in found["note"]
    level1.write_text(
        f"LEI,Entity.LegalName\n{unnamed},Test Parent Holdings Limited\n", encoding="utf-8"
    )
    assert main(["load", "gleif", str(level1)]) == 0
    assert q(graph_with_leis, named, key=f"lei:{unnamed}") == [
        {"name": "Test Parent Holdings Limited", "note": None}
    ]
    before = state(graph_with_leis)
    assert main(["load", "gleif", str(rr)]) == 0
    assert main(["load", "gleif", str(api)]) == 0
    nodes, rels = state(graph_with_leis)
    assert len(json.loads(nodes)) == len(json.loads(before[0]))
    assert len(json.loads(rels)) == len(json.loads(before[1]))
