"""`survgraph resolve` against the curated graph: the JSON contract and real decisions."""

from __future__ import annotations

import io
import json
import sys

import pytest

from cli.main import main
from graph.db import Graph
from tests.conftest import wipe

KEYS = {"input", "decision", "entity", "score", "alias", "candidates"}


@pytest.fixture(scope="module", autouse=True)
def curated(graph: Graph) -> None:
    from loaders.curated import load_curated

    wipe(graph)
    load_curated(graph)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert main(["resolve", "--json", *argv]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_json_shape_and_decisions(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(
        capsys,
        "Urumqi Haishi Xin’an Electronic Technology Co., Ltd.",
        "URUMQI HAISHI XINAN ELECTRONIC TECH",
        "浙江大华技术股份有限公司",
        "Haishi Electronic Technology",
    )
    assert [set(o) for o in out] == [KEYS] * 4
    by_input = {o["input"]: o for o in out}
    for name in (
        "Urumqi Haishi Xin’an Electronic Technology Co., Ltd.",
        "URUMQI HAISHI XINAN ELECTRONIC TECH",
    ):
        assert by_input[name]["decision"] == "match"
        entity = by_input[name]["entity"]
        assert isinstance(entity, dict) and entity["id"] == "company:urumqi-haishi-xinan"
        assert entity["labels"] == ["Company"]
    dahua = by_input["浙江大华技术股份有限公司"]
    assert dahua["decision"] == "match"
    assert isinstance(dahua["entity"], dict) and dahua["entity"]["id"] == "company:dahua"
    vague = by_input["Haishi Electronic Technology"]
    assert vague["decision"] != "match" and vague["entity"] is None
    for o in out:
        assert isinstance(o["candidates"], list)
        assert all(set(c) == {"id", "name", "score"} for c in o["candidates"])


def test_file_from_stdin_and_explain(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("HIKVISION\n\nMoyu Haishi Electronic Tech\n"))
    out = run_json(capsys, "--explain", "--file", "-")
    assert [o["input"] for o in out] == ["HIKVISION", "Moyu Haishi Electronic Tech"]
    assert all("explanation" in o and o["explanation"] for o in out)
    assert [o["entity"]["id"] for o in out if isinstance(o["entity"], dict)] == [
        "company:hikvision",
        "company:moyu-haishi",
    ]


def test_human_output_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "Pishan Haishi Electronic Technology"]) == 0
    text = capsys.readouterr().out
    decision_line, explanation_line = text.splitlines()
    # The Yong'an trade name is missing: never a confident match to the one Pishan company.
    assert decision_line.split()[0] in {"review", "none"}
    assert explanation_line.strip()


def test_no_names_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve"]) == 2
    assert "give NAME" in capsys.readouterr().err


def test_county_names_in_other_scripts_resolve_through_the_graphs_places(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Place nodes' pinyin / Uyghur / English names are what link Karakax to Moyu."""
    out = run_json(
        capsys,
        "Karakax Haishi Electronic Technology",
        "Guma Haishi Yong'an Electronic Technology Co., Ltd.",
        "Karakax Haishi Dingxin Electronic Technology",
    )
    got = {o["input"]: (o["entity"] or {}).get("id") for o in out}  # type: ignore[union-attr]
    assert got["Karakax Haishi Electronic Technology"] == "company:moyu-haishi"
    assert got["Guma Haishi Yong'an Electronic Technology Co., Ltd."] == (
        "company:pishan-haishi-yongan"
    )
    assert got["Karakax Haishi Dingxin Electronic Technology"] is None
