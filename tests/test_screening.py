"""Screening jobs on the real server: a file of real list names and decoys is decided as POST
/resolve decides each name, matched rows carry designations and derived exposure, bad rows are
kept aside with their line numbers, and only the key that made a job sees it."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_support import PROBLEM, fresh_curated

from api.app import create_app
from graph.db import Graph
from graph.settings import Settings
from loaders.pipeline import load
from loaders.sources import CSL
from tests.conftest import shared_path

KEY, OTHER = "analyst-key-1", "analyst-key-2"
AUTH = {"Authorization": f"Bearer {KEY}"}
CSL_SAMPLE = ("data", "csl_samples", "watchman_test_testdata_csl.csv")
DAY = "2026-07-01"
DECOYS = ["Acme Widgets Ltd", "Blue Harbour Bakery", "Nordic Timber Supply AB", "Hik", "Dahua"]


def settings_for(graph: Graph, tmp: Path, **extra: Any) -> Settings:
    update = {"api_keys": f"{KEY},{OTHER}", "screening_dir": tmp, **extra}
    return graph.settings.model_copy(update=update)


@pytest.fixture(scope="module")
def names(graph: Graph) -> list[str]:
    fresh_curated(graph)
    load(graph, CSL, shared_path(*CSL_SAMPLE), progress=False)
    rows = graph.driver.execute_query(
        "MATCH (e:Company) WHERE (e)-[:LISTED_ON]->() RETURN e.name AS name ORDER BY e.id",
        database_=graph.database,
    ).records
    listed = [str(r["name"]) for r in rows]
    assert len(listed) > 50
    return [*listed, *DECOYS, "Hangzhou Hikvision Digital Technology Co., Ltd."]


@pytest.fixture(scope="module")
def client(
    graph: Graph, names: list[str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = settings_for(graph, tmp_path_factory.mktemp("spool"))
    with TestClient(create_app(settings)) as client:
        yield client


def csv_body(names: list[str], bad_at: int | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row_id", "name", "country", "duns"])
    for i, name in enumerate(names):
        if i == bad_at:
            out.write("bad-row,only two fields\n")
        writer.writerow([f"S-{i}", name, "CN" if i % 2 else "", f"{i:09d}"])
    return out.getvalue()


def submit(client: TestClient, body: str, media: str = "text/csv", **params: str) -> str:
    r = client.post(
        "/screenings", content=body, headers={**AUTH, "Content-Type": media}, params=params
    )
    assert r.status_code == 202, r.text
    job_id: str = r.json()["id"]
    assert r.headers["location"] == f"/screenings/{job_id}"
    return job_id


def finished(client: TestClient, job_id: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        r = client.get(f"/screenings/{job_id}", headers=AUTH)
        assert r.status_code == 200, r.text
        body: dict[str, Any] = r.json()
        if body["status"] in ("done", "failed"):
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.2)


def results(client: TestClient, job_id: str, **params: Any) -> list[dict[str, Any]]:
    r = client.get(f"/screenings/{job_id}/results", headers=AUTH, params=params)
    assert r.status_code == 200, r.text
    return [json.loads(x) for x in r.text.splitlines()]


def test_writes_need_a_key_and_reads_stay_open(graph: Graph, tmp_path: Path) -> None:
    none_set = graph.settings.model_copy(update={"api_keys": "", "screening_dir": tmp_path})
    with TestClient(create_app(none_set)) as bare:
        r = bare.post(
            "/screenings", content="name\nx\n", headers={**AUTH, "Content-Type": "text/csv"}
        )
        assert r.status_code == 401 and r.headers["content-type"].startswith(PROBLEM)
        assert "SURVGRAPH_API_KEYS" in r.json()["detail"]
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert bare.get("/lists").status_code == 200
    with TestClient(create_app(settings_for(graph, tmp_path))) as keyed:
        plain = {"Content-Type": "text/csv"}
        assert keyed.post("/screenings", content="name\nx\n", headers=plain).status_code == 401
        wrong = {**plain, "Authorization": "Bearer not-a-key"}
        r = keyed.post("/screenings", content="name\nx\n", headers=wrong)
        assert r.status_code == 401 and "not one of" in r.json()["detail"]
        assert keyed.get("/screenings/scr-x", headers=wrong).status_code == 401
        assert keyed.get("/lists").status_code == 200


def test_a_job_decides_as_resolve_does(client: TestClient, names: list[str]) -> None:
    job_id = submit(client, csv_body(names, bad_at=3), as_of=DAY)
    status = finished(client, job_id)
    assert status["status"] == "done", status
    assert status["rows_done"] == status["rows_total"] == len(names) + 1
    assert status["rows_total_exact"] and status["rows_malformed"] == 1
    assert status["malformed"] == [
        {"row": 3, "line": 5, "error": "line 5: 2 fields, the header has 4"}
    ]
    rows = results(client, job_id)
    assert [r["row"] for r in rows] == list(range(len(names) + 1))
    screened = [r for r in rows if r["status"] == "screened"]
    assert [r["input"]["name"] for r in screened] == names
    assert screened[0]["input"]["identifiers"] == {"duns": "000000000"}
    expected = []
    for start in range(0, len(names), 200):
        batch = {"names": names[start : start + 200], "as_of": DAY}
        r = client.post("/resolve", json=batch)
        assert r.status_code == 200, r.text
        expected += r.json()["results"]
    assert [r["decision"] for r in screened] == expected
    matched = [r for r in screened if r["decision"]["decision"] == "match"]
    assert len(matched) > 40
    assert sum(bool(r["designations"]) for r in matched) > 40
    assert all(d["in_force"] for r in matched for d in r["designations"])
    for r in matched[::5]:  # as /exposure answers, whether read in a batch or one by one
        entity = r["decision"]["entity"]["id"]
        answer = client.get(f"/entities/{entity}/exposure", params={"as_of": DAY}).json()
        assert (r["designations"], r["exposure"]) == (answer["direct"], answer["derived"])
    lists = {x["id"] for x in screened[0]["coverage"]["lists"]}
    assert "list:us-bis-entity-list" in lists and screened[0]["coverage"]["as_of"] == DAY
    assert all(
        not r["designations"] and not r["exposure"]
        for r in screened
        if r["decision"]["decision"] != "match"
    )


def test_exposure_is_derived_through_owners(client: TestClient) -> None:
    """Hikrobot, with no listing of its own, is covered by the Affiliates Rule through
    Hikvision on 2025-10-15 (as /exposure says), with the stakes that add up to it."""
    body = 'name\n"Hangzhou Hikvision Digital Technology Co., Ltd."\nHikrobot\n'
    rows = results(client, finished(client, submit(client, body, as_of="2025-10-15"))["id"])
    hik, robot = rows
    assert hik["decision"]["entity"]["id"] == "company:hikvision"
    assert "list:us-bis-entity-list" in {d["list"]["id"] for d in hik["designations"]}
    assert robot["decision"]["entity"]["id"] == "company:hikrobot" and not robot["designations"]
    exposure = client.get("/entities/company:hikrobot/exposure", params={"as_of": "2025-10-15"})
    assert robot["exposure"] == exposure.json()["derived"]
    affiliates = next(
        x for x in robot["exposure"] if x["rule"]["id"] == "rule:bis-affiliates-50-percent"
    )
    assert affiliates["outcome"] == "covered" and affiliates["contributions"]
    assert robot["coverage"]["ownership_sources"]


def test_jsonl_pages_csv_and_other_keys(client: TestClient) -> None:
    lines = [json.dumps({"name": n, "row_id": i}) for i, n in enumerate(DECOYS)]
    lines.insert(2, "{not json")
    job_id = submit(client, "\n".join(lines) + "\n", "application/x-ndjson")
    assert finished(client, job_id)["rows_malformed"] == 1
    page = results(client, job_id, offset=2, limit=2)
    assert [(r["row"], r["line"], r["status"]) for r in page] == [
        (2, 3, "malformed"), (3, 4, "screened"),
    ]  # fmt: skip
    r = client.get(f"/screenings/{job_id}/results", headers=AUTH, params={"format": "csv"})
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert [t["name"] for t in table if t["status"] == "screened"] == DECOYS
    assert table[0]["coverage"].startswith("Checked on")
    other = {"Authorization": f"Bearer {OTHER}"}
    assert client.get(f"/screenings/{job_id}", headers=other).status_code == 404
    assert client.get(f"/screenings/{job_id}/results", headers=other).status_code == 404


@pytest.mark.parametrize(
    ("body", "media", "says"),
    [
        ("country,address\nCN,x\n", "text/csv", "no `name` column"),
        ("name\nx\n", "application/pdf", "must be CSV"),
        ("[1, 2]\n", "application/x-ndjson", "object"),
        ("", "text/csv", "empty"),
    ],
)
def test_unscreenable_files_are_422(client: TestClient, body: str, media: str, says: str) -> None:
    r = client.post("/screenings", content=body, headers={**AUTH, "Content-Type": media})
    assert r.status_code == 422, r.text
    assert says in r.json()["detail"]


def test_an_upload_over_the_limit_is_413(graph: Graph, tmp_path: Path) -> None:
    small = settings_for(graph, tmp_path, screening_max_bytes=100)
    with TestClient(create_app(small)) as client:
        body = csv_body(DECOYS * 10)
        r = client.post("/screenings", content=body, headers={**AUTH, "Content-Type": "text/csv"})
        assert r.status_code == 413, r.text
        assert not list(tmp_path.iterdir())


def test_the_cli_writes_what_the_api_answers(client: TestClient, tmp_path: Path) -> None:
    from cli.main import main

    body = csv_body([*DECOYS, "Hikrobot"], bad_at=2)
    source, out = tmp_path / "suppliers.csv", tmp_path / "results.csv"
    source.write_text(body, encoding="utf-8")
    assert main(["screen", str(source), "--out", str(out), "--as-of", "2025-10-15"]) == 0
    job_id = submit(client, body, as_of="2025-10-15")
    finished(client, job_id)
    r = client.get(f"/screenings/{job_id}/results", headers=AUTH, params={"format": "csv"})
    assert out.read_text(encoding="utf-8") == r.text
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert table[-1]["entity_id"] == "company:hikrobot" and "covered" in table[-1]["exposure"]
