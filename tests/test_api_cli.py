"""`survgraph search|show|subsidiaries|exposure|path` answer like the API (same service, no
HTTP)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from test_api_support import expected_listed_subsidiaries, fresh_curated

from api.app import create_app
from cli.main import main
from graph.db import Graph


@pytest.fixture(scope="module", autouse=True)
def curated(graph: Graph) -> None:
    fresh_curated(graph)


def test_subsidiaries_json_matches_the_yaml(
    capsys: pytest.CaptureFixture[str], graph: Graph
) -> None:
    assert main(["subsidiaries", "company:hikvision", "--listed", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    expected = expected_listed_subsidiaries("company:hikvision", graph.settings.max_depth)
    assert {r["entity"]["id"] for r in body["results"]} == set(expected)


def test_readable_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["subsidiaries", "company:hikvision", "--listed"]) == 0
    out = capsys.readouterr().out
    assert "company:moyu-haishi" in out and "list:us-bis-entity-list" in out
    assert main(["path", "company:moyu-haishi", "list:us-bis-entity-list"]) == 0
    assert "LISTED_ON" in capsys.readouterr().out
    assert main(["search", "Hikvision"]) == 0
    assert "company:hikvision" in capsys.readouterr().out
    assert main(["show", "company:dahua"]) == 0
    assert "84 FR 54002" in capsys.readouterr().out


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "company:nope"]) == 1
    assert "no entity" in capsys.readouterr().err
    assert main(["subsidiaries", "company:hikvision", "--depth", "99"]) == 1
    assert "depth" in capsys.readouterr().err


def test_as_of_lists_and_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["subsidiaries", "company:hikvision", "--listed", "--lists", "list:us-bis-entity-list"]
    assert main([*args, "--as-of", "2022-12-31", "--json"]) == 0
    before = {r["entity"]["id"] for r in json.loads(capsys.readouterr().out)["results"]}
    assert main([*args, "--as-of", "2023-12-31", "--json"]) == 0
    after = {r["entity"]["id"] for r in json.loads(capsys.readouterr().out)["results"]}
    assert "company:moyu-haishi" in after - before
    assert main(["show", "company:moyu-haishi", "--as-of", "2022-12-31"]) == 0
    assert "not yet" in capsys.readouterr().out
    assert main(["timeline", "company:hikvision", "--as-of", "2019-12-31"]) == 0
    out = capsys.readouterr().out
    assert "2019-10-09" in out and "designation_added" in out and "2021-" not in out


def test_exposure_and_reached_by_answer_as_the_api(
    capsys: pytest.CaptureFixture[str], graph: Graph
) -> None:
    day = "2025-10-15"
    assert main(["exposure", "company:hikrobot", "--as-of", day, "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    reached = ["subsidiaries", "company:hikvision", "--reached-by"]
    rule = "rule:bis-affiliates-50-percent"
    assert main([*reached, rule, "--as-of", day, "--json"]) == 0
    cli_reached = json.loads(capsys.readouterr().out)
    with TestClient(create_app(graph.settings)) as client:
        api = client.get("/entities/company:hikrobot/exposure", params={"as_of": day}).json()
        params = {"reached_by": rule, "as_of": day}
        api_reached = client.get("/entities/company:hikvision/subsidiaries", params=params).json()
    assert cli == api and cli_reached == api_reached
    assert "company:hikrobot" in {r["entity"]["id"] for r in cli_reached["results"]}
    assert main(["exposure", "company:hikrobot", "--as-of", day]) == 0
    out = capsys.readouterr().out
    assert rule in out and "covered" in out and "60%" in out
    assert main([*reached, rule, "--as-of", day]) == 0
    out = capsys.readouterr().out
    assert "company:hikrobot" in out and "derived, not listings" in out
