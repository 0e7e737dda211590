"""`load article`: mentions are linked only when the resolver is sure; the rest goes to review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph import writer
from graph.db import Graph
from loaders.article import AliasIndex, find_mentions, load_article, parse_article, sentences
from loaders.plumbing.report import LoadReport
from tests.conftest import shared_path, wipe

HAISHI = {
    "company:luopu-haishi-dingxin", "company:moyu-haishi", "company:pishan-haishi-yongan",
    "company:urumqi-haishi-xinan", "company:yutian-haishi-meitian",
}  # fmt: skip
HTML = """<!doctype html><html><head><title>Ignored title</title>
<meta property="og:title" content="Hikvision unit exits Xinjiang deal">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-12-14T08:00:00Z">
<link rel="canonical" href="https://example.org/news/hik-xj">
<script>var Dahua = 1;</script></head>
<body><nav>Menu Volkswagen Group Ltd</nav><p>Moyu Haishi Electronic Technology, a unit of
Hikvision, ended a contract.</p><p>Arent Fox LLP was hired.</p></body></html>"""


def q(graph: Graph, text: str, **params: Any) -> list[dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        return session.run(text, params).data()


@pytest.fixture(scope="module")
def loaded(graph: Graph) -> tuple[Graph, LoadReport, LoadReport]:
    from loaders.curated import load_curated

    wipe(graph)
    load_curated(graph)
    hik = load_article(
        graph, shared_path("seeds", "reuters-2024-12-hikvision-exits-five-xinjiang-contracts.txt"),
        publisher="Reuters", date="2024-12-13",
    )  # fmt: skip
    dahua = load_article(
        graph, shared_path("seeds", "reuters-2024-12-23-dahua-withdraws-xinjiang-projects.txt"),
        title="China's Dahua Technology to Withdraw from Xinjiang Projects",
        publisher="Reuters", date="2024-12-23",
    )  # fmt: skip
    return graph, hik, dahua


def linked(graph: Graph, source_id: str) -> dict[str, dict[str, Any]]:
    rows = q(graph, """MATCH (e:Entity)-[r:MENTIONED_IN]->(:Source {id: $id})
                       RETURN e.id AS id, properties(r) AS r""", id=source_id)  # fmt: skip
    return {row["id"]: row["r"] for row in rows}


def test_sentences_keep_abbreviations() -> None:
    parts = [s for _, s in sentences("Hikvision Co. Ltd. sells to U.S. firms. Dahua too.")]
    assert parts == ["Hikvision Co. Ltd. sells to U.S. firms.", "Dahua too."]


def test_alias_scan_is_longest_first() -> None:
    from loaders.article import Article

    index = AliasIndex.build([("a", "Dahua"), ("b", "Zhejiang Dahua Technology Co., Ltd.")])
    found = find_mentions(Article("Zhejiang Dahua Technology’s filing. Dahua said."), index)
    assert [(m.span, m.entity_ids) for m in found] == [
        ("Zhejiang Dahua Technology", ("b",)), ("Dahua", ("a",)),
    ]  # fmt: skip


def test_hikvision_article_links_hikvision_and_the_five_subsidiaries(
    loaded: tuple[Graph, LoadReport, LoadReport],
) -> None:
    graph, hik, _ = loaded
    links = linked(graph, hik.extra["source_id"])
    assert {"company:hikvision"} | HAISHI <= set(links)
    assert not {i for i in links if i.startswith("company:")} - ({"company:hikvision"} | HAISHI)
    quote = links["company:moyu-haishi"]["quote"]
    assert "Moyu Haishi Electronic Technology" in quote and quote.endswith("Technology.")
    for r in links.values():
        assert r["source_ids"] == [hik.extra["source_id"]] and r["origin"] == "article"
    source = q(graph, "MATCH (s:Source {id: $id}) RETURN properties(s) AS s",
               id=hik.extra["source_id"])[0]["s"]  # fmt: skip
    assert source["kind"] == "news" and source["publisher"] == "Reuters"
    assert source["title"] == "China’s Hikvision says it exits five contracts in Xinjiang"


def test_volkswagen_and_arent_fox_are_not_linked(
    loaded: tuple[Graph, LoadReport, LoadReport],
) -> None:
    graph, hik, _ = loaded
    for r in linked(graph, hik.extra["source_id"]).values():
        assert "Volkswagen" not in r["span"] and "Arent" not in r["span"]
    items = q(graph, """MATCH (r:ReviewItem {kind: 'article_mention'})-[:ABOUT]->(:Source {id: $id})
                        RETURN r.input AS input, r.status AS status""",
              id=hik.extra["source_id"])  # fmt: skip
    assert {"input": "Arent Fox LLP", "status": "pending"} in items
    nodes = q(graph, "MATCH (n:Entity) WHERE n.name CONTAINS 'Arent' OR n.name CONTAINS "
                     "'Volkswagen' RETURN n.id AS id")  # fmt: skip
    assert nodes == []


def test_dahua_article(loaded: tuple[Graph, LoadReport, LoadReport]) -> None:
    graph, _, dahua = loaded
    links = linked(graph, dahua.extra["source_id"])
    assert {"company:dahua", "company:hikvision"} <= set(links)
    assert not HAISHI & set(links)


def test_loading_again_changes_nothing(
    loaded: tuple[Graph, LoadReport, LoadReport],
) -> None:
    graph, hik, _ = loaded
    before = writer.counts(graph)
    first = linked(graph, hik.extra["source_id"])
    again = load_article(
        graph, shared_path("seeds", "reuters-2024-12-hikvision-exits-five-xinjiang-contracts.txt"),
        publisher="Reuters", date="2024-12-13",
    )  # fmt: skip
    assert writer.counts(graph) == before
    assert again.relationships_created == 0
    stamps = {k: (r["first_recorded_at"], r["recorded_run"]) for k, r in first.items()}
    assert first and all(at == hik.started_at for at, _ in stamps.values())
    assert {k: (r["first_recorded_at"], r["recorded_run"]) for k, r in
            linked(graph, hik.extra["source_id"]).items()} == stamps  # fmt: skip


def test_html_article(loaded: tuple[Graph, LoadReport, LoadReport], tmp_path: Path) -> None:
    graph, _, _ = loaded
    path = tmp_path / "story.html"
    path.write_text(HTML, encoding="utf-8")
    article = parse_article(path)
    assert article.title == "Hikvision unit exits Xinjiang deal"
    assert article.publisher == "Example Wire" and article.date == "2024-12-14"
    assert article.url == "https://example.org/news/hik-xj"
    assert "var Dahua" not in article.text and "Volkswagen" not in article.text
    report = load_article(graph, path)
    links = linked(graph, report.extra["source_id"])
    assert set(links) == {"company:moyu-haishi", "company:hikvision"}
    assert report.extra["review"] == ["Arent Fox LLP"]
