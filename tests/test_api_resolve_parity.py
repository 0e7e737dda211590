"""POST /resolve gives the same answers as `survgraph resolve --json`, judgements included."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from cli.main import main
from graph.db import Graph
from tests.conftest import wipe

NAMES = [
    "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO LTD",
    "Urumqi Haishi Xin’an Electronic Technology",
    "Yutian Haishi Meitian Elec Tech",
    "Haishi Electronic Technology",
    "Volkswagen AG",
    "大华股份",
]


@pytest.fixture(scope="module")
def client(graph: Graph) -> Iterator[TestClient]:
    from loaders.curated import load_curated

    wipe(graph)
    load_curated(graph)
    with TestClient(create_app()) as test_client:
        yield test_client


def cli_answers(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["resolve", "--json", *NAMES]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_api_and_cli_agree(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    response = client.post("/resolve", json={"names": NAMES})
    assert response.status_code == 200, response.text
    api = response.json()["results"]
    cli = cli_answers(capsys)
    assert len(api) == len(cli) == len(NAMES)
    for a, c in zip(api, cli, strict=True):
        assert {k: a[k] for k in c} == c
    decisions = {c["input"]: c["decision"] for c in cli}
    assert decisions["Urumqi Haishi Xin’an Electronic Technology"] == "match"
    assert decisions["Haishi Electronic Technology"] != "match"
    assert decisions["Volkswagen AG"] == "none"
