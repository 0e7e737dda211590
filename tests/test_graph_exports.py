"""GraphML and GEXF files: valid against the formats' own schemas, read back by networkx (an
independent reader) with the nodes and edges of the answer they come from, and every curated
fact of Hikvision with its type, dates, basis and sources, from the API and the CLI alike.

The schemas come from Maven Central as Neo4j does (tests/schemas/pom.xml unpacks JGraphT's
copies into pytest's cache; nothing of them is committed), and lxml validates.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from lxml import etree
from test_api_support import (
    BIS,
    client_for,
    expected_listed_subsidiaries,
    fresh_curated,
    yaml_fact_id,
    yaml_relations,
)

from api.checks import DEFAULT_PATH_RELS
from cli.main import main
from exports import GRAPH_FORMATS
from exports.common import CHUNK
from exports.subgraph import Edge, Node, Subgraph
from graph.db import Graph
from tests.conftest import ROOT

POM = ROOT / "tests" / "schemas" / "pom.xml"
HIK = "company:hikvision"
HAISHI = "company:urumqi-haishi-xinan"
FORMATS = ("graphml", "gexf")
QUESTIONS = {
    "neighborhood": (f"/entities/{HIK}/neighborhood", {"depth": 2}),
    "subsidiaries": (f"/entities/{HIK}/subsidiaries", {"as_of": "2023-12-31", "limit": 500}),
    "paths": ("/paths", {"from": HAISHI, "to": BIS, "as_of": "2024-06-30"}),
}


# -- the schemas and an independent reader ------------------------------------------------------


@pytest.fixture(scope="session")
def schemas(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    cache = request.config.cache
    folder = cache.mkdir("xsd") if cache is not None else tmp_path_factory.mktemp("xsd")
    if not all((folder / f"{fmt}.xsd").exists() for fmt in FORMATS):
        mvn = shutil.which("mvn")
        if mvn is None:
            pytest.fail("Maven (mvn) fetches the GraphML and GEXF schemas (tests/schemas/pom.xml)")
        command = [mvn, "-B", "-q", "-f", str(POM), "dependency:unpack", f"-Dxsd.dir={folder}"]
        subprocess.run(command, check=True, capture_output=True, timeout=600)
    return {fmt: etree.XMLSchema(etree.parse(str(folder / f"{fmt}.xsd"))) for fmt in FORMATS}


def valid(schemas: Any, fmt: str, text: str) -> None:
    schema = schemas[fmt]
    document = etree.parse(io.BytesIO(text.encode("utf-8")))
    assert schema.validate(document), schema.error_log


def read_back(fmt: str, text: str) -> nx.MultiDiGraph:
    data = io.BytesIO(text.encode("utf-8"))
    if fmt == "graphml":
        return nx.read_graphml(data, force_multigraph=True)
    return nx.MultiDiGraph(nx.read_gexf(data))  # read_gexf gives a DiGraph when no edge repeats


def edges_by_fact(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    edges = g.edges(data=True)
    return {d["fact_id"]: {**d, "_ends": (a, b)} for a, b, d in edges if "fact_id" in d}


# -- the writers on a subgraph made by hand (no database) ---------------------------------------


def awkward() -> Subgraph:
    g = Subgraph("awkward", 'quotes " & <angles>, a control \x0b character')
    g.add_node(Node("company:a", "A & B\nline two", ("Company",), {"country": "CN", "n": 3}))
    g.add_node(Node("list:b", "Entity List", ("List",), {"n": 2.5, "flag": True}))
    g.add_edge(
        Edge(
            "company:a",
            "list:b",
            "LISTED_ON",
            "fact:0001",
            since="2023-03-30",
            since_precision="day",
            basis="named 'A & B' <as listed>",
            source_ids=("source:one", "source:two"),
            properties={"programs": ["IRAN", "CMIC"], "share": 50, "ok": False},
        )
    )
    g.add_edge(Edge("company:a", "list:b", "LISTED_ON", "fact:0002", since="2019", basis="x"))
    g.add_edge(Edge("company:a", "company:c", "LINKED_TO", properties={"share": 12.5}))
    return g


@pytest.mark.parametrize("fmt", FORMATS)
def test_awkward_values_are_valid_and_read_back_as_written(schemas: Any, fmt: str) -> None:
    text = "".join(GRAPH_FORMATS[fmt].chunks(awkward()))
    valid(schemas, fmt, text)
    g = read_back(fmt, text)
    assert (g.number_of_nodes(), g.number_of_edges()) == (3, 3)
    assert g.nodes["company:a"]["name"] == "A & B\nline two"
    assert g.nodes["company:a"]["n"] == 3 and g.nodes["list:b"]["n"] == 2.5
    assert g.nodes["list:b"]["flag"] is True and "name" not in g.nodes["company:c"]
    edges = edges_by_fact(g)
    first = edges["fact:0001"]
    assert first["_ends"] == ("company:a", "list:b") and first["type"] == "LISTED_ON"
    assert first["basis"] == "named 'A & B' <as listed>" and first["since"] == "2023-03-30"
    assert first["source_ids"] == "source:one; source:two" and first["programs"] == "IRAN; CMIC"
    assert first["share"] == 50.0 and first["ok"] is False and "until" not in first
    assert edges["fact:0002"]["since"] == "2019"  # two claims on one pair stay two edges
    linked = next(d for _, _, d in g.edges(data=True) if d["type"] == "LINKED_TO")
    assert linked["share"] == 12.5 and "fact_id" not in linked
    assert "\x0b" not in text and "\ufffd" in text  # XML 1.0 cannot carry U+000B


def test_declared_types_follow_the_values() -> None:
    text = "".join(GRAPH_FORMATS["graphml"].chunks(awkward()))
    keys = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type")
        for k in etree.fromstring(text.encode()).iter("{*}key")
    }
    assert keys[("node", "n")] == "double"  # 3 and 2.5
    assert keys[("node", "flag")] == "boolean" and keys[("edge", "ok")] == "boolean"
    assert keys[("edge", "share")] == "double" and keys[("edge", "programs")] == "string"
    for field in ("type", "since", "until", "until_precision", "basis", "source_ids"):
        assert keys[("edge", field)] == "string"  # declared even where no edge has one


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_large_subgraph_streams_in_pieces(schemas: Any, fmt: str) -> None:
    g = Subgraph("large")
    for i in range(3000):
        g.add_edge(Edge(f"company:c{i}", f"company:c{i + 1}", "SUBSIDIARY_OF", f"fact:{i:05d}"))
    pieces = list(GRAPH_FORMATS[fmt].chunks(g))
    assert len(pieces) > 5 and max(len(p) for p in pieces) < CHUNK + 2000
    out = io.StringIO()
    GRAPH_FORMATS[fmt].write(g, out)
    assert out.getvalue() == "".join(pieces)
    valid(schemas, fmt, out.getvalue())
    assert read_back(fmt, out.getvalue()).number_of_edges() == 3000


# -- the API's answers as files -----------------------------------------------------------------


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    fresh_curated(graph)
    yield from client_for(graph.settings)


def expected(kind: str, body: dict[str, Any]) -> tuple[set[str], set[str]]:
    """Node ids and fact ids of a JSON answer, counted from the JSON itself."""
    edges: list[dict[str, Any]] = []
    nodes: set[str] = set()
    if kind == "neighborhood":
        nodes |= {n["id"] for n in body["nodes"]}
        edges = body["edges"]
    elif kind == "paths":
        nodes |= {n["id"] for p in body["results"] for n in p["nodes"]}
        edges = [e for p in body["results"] for e in p["edges"]]
    else:
        nodes.add(body["root"]["id"])
        for sub in body["results"]:
            nodes.add(sub["entity"]["id"])
            nodes |= {d["list"]["id"] for d in sub["designations"]}
            edges += sub["path"]
            claims = [c for d in sub["designations"] for c in d["claims"]]
            edges += [{"fact_id": c["fact_id"]} for c in claims]
    nodes |= {e[end] for e in edges for end in ("from", "to") if end in e}
    return nodes, {e["fact_id"] for e in edges}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", QUESTIONS)
def test_answers_as_files(client: TestClient, schemas: Any, kind: str, fmt: str) -> None:
    path, params = QUESTIONS[kind]
    r = client.get(path, params={**params, "format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == GRAPH_FORMATS[fmt].media_type
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    assert r.headers["content-disposition"].endswith(f'.{fmt}"')
    valid(schemas, fmt, r.text)
    g = read_back(fmt, r.text)
    nodes, facts = expected(kind, client.get(path, params=params).json())
    assert len(facts) > 1
    assert set(g.nodes) == nodes and set(edges_by_fact(g)) == facts
    assert g.number_of_edges() == len(facts)
    for _, _, data in g.edges(data=True):
        assert data["type"] and data["source_ids"], data  # every fact says where it comes from
    for _, data in g.nodes(data=True):
        assert data["label"] and data["labels"], data


@pytest.mark.parametrize("fmt", FORMATS)
def test_hikvision_facts_carry_type_dates_basis_and_sources(client: TestClient, fmt: str) -> None:
    r = client.get(f"/entities/{HIK}/neighborhood", params={"format": fmt})
    edges = edges_by_fact(read_back(fmt, r.text))
    rels = [
        rel
        for rel in yaml_relations()
        if HIK in (rel["from"], rel["to"]) and rel["type"] in DEFAULT_PATH_RELS
    ]
    assert len(rels) > 20
    for rel in rels:
        got = edges[yaml_fact_id(rel)]
        assert got["_ends"] == (rel["from"], rel["to"]) and got["type"] == rel["type"]
        assert set(got["source_ids"].split("; ")) == set(rel["source_ids"])
        for field in ("since", "until", "since_precision", "citation"):
            if rel.get(field) is not None:
                assert got[field] == str(rel[field]), (field, rel, got)
        if rel.get("note"):
            assert got["basis"] == rel["note"], rel
    since = [rel for rel in rels if rel.get("since") and rel.get("note")]
    assert since, "the curated data has dated, explained facts of Hikvision"


def test_listed_subsidiaries_as_of_a_day(client: TestClient) -> None:
    def listed(day: str) -> nx.MultiDiGraph:
        params = {"listed": "true", "as_of": day, "lists": BIS, "format": "graphml"}
        r = client.get(f"/entities/{HIK}/subsidiaries", params=params)
        return read_back("graphml", r.text)

    before, after = listed("2022-12-31"), listed("2023-12-31")
    expected_after = expected_listed_subsidiaries(HIK, 6, on="2023-12-31")
    assert "company:moyu-haishi" in set(after.nodes) - set(before.nodes)
    for entity_id, facts in expected_after.items():
        assert after.nodes[entity_id]["listed"] is True
        for fact in facts:
            edge = edges_by_fact(after)[fact]
            assert edge["_ends"] == (entity_id, BIS) and edge["in_force"] is True
            assert edge["designation_status"] == "in_force" and edge["since"] <= "2023-12-31"
    assert after.nodes[HIK]["depth"] == 0


def test_the_openapi_declares_the_graph_media_types(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/entities/{entity_id}/neighborhood", "/entities/{entity_id}/subsidiaries"):
        content = paths[route]["get"]["responses"]["200"]["content"]
        assert {"application/graphml+xml", "application/gexf+xml"} <= set(content)
    assert "application/graphml+xml" in paths["/paths"]["get"]["responses"]["200"]["content"]
    assert "application/graphml+xml" not in str(paths["/lists"])
    assert client.get("/lists", params={"format": "graphml"}).status_code == 422
    neighbourhood = f"/entities/{HIK}/neighborhood"
    assert client.get(neighbourhood, params={"format": "csv"}).status_code == 422
    r = client.get(neighbourhood, headers={"accept": "application/gexf+xml"})
    assert r.headers["content-type"] == "application/gexf+xml"
    assert client.get(neighbourhood).headers["content-type"] == "application/json"


# -- the CLI asks the same questions ------------------------------------------------------------


def test_cli_writes_the_files_the_api_sends(
    client: TestClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hik.graphml"
    assert main(["export", "graphml", "--entity", HIK, "--depth", "2", "-o", str(out)]) == 0
    api = client.get(f"/entities/{HIK}/neighborhood", params={"depth": 2, "format": "graphml"})
    assert out.read_text(encoding="utf-8") == api.text
    assert "nodes" in capsys.readouterr().err

    args = ["--subsidiaries", HIK, "--listed", "--as-of", "2023-12-31", "--limit", "500"]
    assert main(["export", "graphml", *args]) == 0
    params = {"listed": "true", "as_of": "2023-12-31", "limit": 500, "format": "graphml"}
    api = client.get(f"/entities/{HIK}/subsidiaries", params=params)
    assert capsys.readouterr().out == api.text

    assert main(["export", "gexf", "--paths", HAISHI, BIS, "--max-hops", "3"]) == 0
    params = {"from": HAISHI, "to": BIS, "max_hops": 3, "format": "gexf"}
    cli_file = read_back("gexf", capsys.readouterr().out)
    api_file = read_back("gexf", client.get("/paths", params=params).text)
    assert set(edges_by_fact(cli_file)) == set(edges_by_fact(api_file))


def test_cli_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "gexf", "--entity", "company:nope"]) == 1
    assert "no entity" in capsys.readouterr().err
    assert main(["export", "graphml", "--entity", HIK, "--depth", "9"]) == 1
    assert "depth" in capsys.readouterr().err
