"""Neo4j Browser opens styled and guided: the guide and style the API serves, the server's
post-connect command, and a real Chromium driving Browser against the running server.

The browser test starts the API itself (uvicorn on the configured SURVGRAPH_PORT, the port the
server's `browser.post_connect_cmd` names), connects with the local credentials, checks that
the guide opened, runs the listed-subsidiaries investigation for Hikvision from it, checks
that the graph view draws the group (its node count is the query's nodes), runs the table form
and checks the five Haishi companies in it, runs the Affiliates Rule slide (drawn: its node
count; then its table) and checks Hikrobot
(60 % held by Hikvision) is reached through a majority chain, and saves
`out/browser-guide.png` (and the drawn group, `out/browser-group.png`). If Chromium cannot
start, the test fails saying why; it never skips.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.browser import INVESTIGATIONS, guide_html, query_text
from graph.db import Graph
from graph.server import post_connect_cmd, write_conf
from graph.settings import Settings
from loaders.curated import load_curated
from tests.conftest import EXAMPLE_WATCHLIST, create_example_watchlist

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HAISHI = [
    "Luopu Haishi Dingxin",
    "Moyu Haishi",
    "Pishan Haishi Yong'an",
    "Urumqi Haishi Xin'an",
    "Yutian Haishi Meitian",
]
HIKVISION = "company:hikvision"
SCREENSHOT = Path(__file__).resolve().parents[1] / "out" / "browser-guide.png"
GROUP_SCREENSHOT = SCREENSHOT.with_name("browser-group.png")


def test_guide_queries_are_the_repository_files() -> None:
    page = guide_html()
    for item in INVESTIGATIONS:
        for name in filter(None, (item.file, item.table)):
            text = query_text(name)
            assert text.startswith("//") and "MATCH" in text
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert escaped.replace('"', "&quot;").replace("'", "&#x27;") in page, name
        if item.param:
            assert f"${item.param}" in text  # the parameter the slide sets is the file's
            assert f":param {item.param} =&gt; &#x27;{item.value}&#x27;</pre>" in page


def test_guide_and_style_answer_browser_origins_with_cors(graph: Graph) -> None:
    settings = graph.settings
    origin = f"http://127.0.0.1:{settings.db_http_port}"
    with TestClient(create_app(settings)) as client:
        guide = client.get("/browser/guide", headers={"Origin": origin})
        assert guide.status_code == 200 and "<slide" in guide.text
        assert guide.headers["access-control-allow-origin"] == origin
        pre = client.options(
            "/browser/style.grass",
            headers={"Origin": origin, "Access-Control-Request-Headers": "pragma,sentry-trace"},
        )
        assert pre.status_code == 204
        assert pre.headers["access-control-allow-headers"] == "pragma,sentry-trace"
        other = client.get("/browser/style.grass", headers={"Origin": "http://evil.example"})
        assert "node.Company" in other.text
        assert "access-control-allow-origin" not in other.headers
        assert "/browser/guide" not in client.get("/openapi.json").text


def test_server_conf_runs_style_and_guide_on_connect(tmp_path: Path) -> None:
    settings = Settings(SURVGRAPH_DB_HOME=tmp_path, SURVGRAPH_PORT=8123)
    conf = (write_conf(settings) / "neo4j.conf").read_text()
    expected = (
        "browser.post_connect_cmd=style http://localhost:8123/browser/style.grass; "
        "play http://localhost:8123/browser/guide"
    )
    assert expected in conf.splitlines()
    assert post_connect_cmd(settings) in expected
    assert "browser.remote_content_hostname_whitelist=guides.neo4j.com,localhost" in conf


@pytest.fixture(scope="module")
def api(graph: Graph) -> Iterator[str]:
    """The curated graph, and the API on the configured port (the one the guide URL names)."""
    graph.run_script("admin/wipe")
    load_curated(graph)
    create_example_watchlist(graph)
    settings = graph.settings
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=settings.api_port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), f"uvicorn could not serve on port {settings.api_port}"
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.1)
    url = f"http://localhost:{settings.api_port}"
    assert httpx.get(f"{url}/browser/guide", timeout=10).status_code == 200
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _launch(playwright: object) -> object:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    try:
        return playwright.chromium.launch(  # type: ignore[attr-defined]
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
    except Exception as exc:  # any launch failure is a failure, with Playwright's reason
        pytest.fail(f"Chromium did not start: {exc}")


def _show_slide(page: Any, title: str) -> None:
    """Step the guide forward until the slide with this heading shows."""
    heading = page.get_by_role("heading", name=title)
    for _ in range(len(INVESTIGATIONS) + 1):
        if heading.first.is_visible():
            return
        page.get_by_test_id("nextSlide").first.click()
        page.wait_for_timeout(300)
    pytest.fail(f"the guide has no slide {title!r}")


def test_browser_connects_styled_and_guided(api: str, graph: Graph) -> None:
    from playwright.sync_api import expect, sync_playwright

    settings = graph.settings
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        page = browser.new_page(viewport={"width": 1600, "height": 1100})  # type: ignore[attr-defined]
        page.set_default_timeout(30_000)
        page.goto(f"http://127.0.0.1:{settings.db_http_port}/browser/")
        page.get_by_test_id("bolt-scheme-select").select_option("bolt://")
        page.get_by_test_id("boltaddress").fill(f"127.0.0.1:{settings.db_bolt_port}")
        page.get_by_test_id("username").fill(settings.neo4j_user)
        page.get_by_test_id("password").fill(settings.neo4j_password)
        page.get_by_test_id("connect").click()
        # post_connect_cmd ran both commands: the style frame and the guide frame.
        expect(page.get_by_text(f":style {api}/browser/style.grass")).to_be_visible()
        expect(page.get_by_text("The next slides are ready investigations")).to_be_visible()
        _show_slide(page, "Listed subsidiaries")
        page.locator("pre.runnable[data-param='company']").first.click()
        page.get_by_test_id("editor-Run").first.click()
        expect(page.get_by_text('"company": "company:hikvision"').first).to_be_visible()
        _show_slide(page, "Listed subsidiaries")
        page.locator("pre.runnable[data-query='listed_subsidiaries']").first.click()
        page.get_by_test_id("editor-Run").first.click()
        try:
            # The group drawn: the company, the companies between, the five Haishi, the lists.
            count = drawn_nodes(graph)
            assert count > 6  # Hikvision, the five Haishi and the list: a group, not a row
            shown = f"Displaying {count} nodes"
            expect(page.get_by_text(shown).first).to_be_visible()
            page.screenshot(path=str(GROUP_SCREENSHOT), full_page=False)
            _show_slide(page, "Listed subsidiaries")
            page.locator("pre.runnable[data-query='listed_subsidiaries_table']").first.click()
            page.get_by_test_id("editor-Run").first.click()
            result = page.locator("article", has_text="ownership_path").first
            for name in HAISHI:
                expect(result.get_by_text(name).first).to_be_visible()
            affiliates = drawn_nodes(graph, "affiliates_rule_reach")
            assert affiliates != count  # its frame is told from the one above by its count
            _affiliates_slide(page, affiliates)
            _watchlist_slide(
                page, drawn_nodes(graph, "watchlist_paths", watchlist=EXAMPLE_WATCHLIST)
            )
        finally:  # the screenshot shows the outcome either way
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=False)
        browser.close()  # type: ignore[attr-defined]


def drawn_nodes(graph: Graph, name: str = "listed_subsidiaries", **params: str) -> int:
    """How many nodes an investigation draws (for Hikvision, unless `params` say otherwise):
    every node of the paths it returns, and every node it returns, once."""
    from neo4j.graph import Node
    from neo4j.graph import Path as GraphPath

    from graph import cypher

    with graph.driver.session(database=graph.database) as session:
        rows = list(session.run(cypher.load(f"browser/{name}"), params or {"company": HIKVISION}))
    values = [v for row in rows for v in row.values()]
    paths = [x for v in values for x in (v if isinstance(v, list) else [v])]
    nodes = {n.element_id for p in paths if isinstance(p, GraphPath) for n in p.nodes}
    nodes |= {n.element_id for n in paths if isinstance(n, Node)}
    return len(nodes)


def _affiliates_slide(page: Any, nodes: int) -> None:
    """The Affiliates Rule slide, on the company the parameter already names (Hikvision):
    drawn (its node count), then as a table."""
    from playwright.sync_api import expect

    _show_slide(page, "Who the Affiliates Rule reaches")
    page.locator("pre.runnable[data-query='affiliates_rule_reach']").first.click()
    page.get_by_test_id("editor-Run").first.click()
    expect(page.get_by_text(f"Displaying {nodes} nodes").first).to_be_visible()
    _show_slide(page, "Who the Affiliates Rule reaches")
    page.locator("pre.runnable[data-query='affiliates_rule_reach_table']").first.click()
    page.get_by_test_id("editor-Run").first.click()
    result = page.locator("article", has_text="majority_chain").first
    expect(result.get_by_text("Hangzhou Hikrobot Co., Ltd.").first).to_be_visible()
    expect(result.get_by_text("covered through a majority chain").first).to_be_visible()


def _watchlist_slide(page: Any, nodes: int) -> None:
    """The watchlist slide on the guide's example watchlist (Hikrobot and Dahua): its
    parameter, the paths drawn (their node count), then the table: Hikrobot reaches listed
    Hikvision through its 60 % stake, under the Affiliates Rule."""
    from playwright.sync_api import expect

    _show_slide(page, "A watchlist's exposure paths")
    page.locator("pre.runnable[data-param='watchlist']").first.click()
    page.get_by_test_id("editor-Run").first.click()
    expect(page.get_by_text('"watchlist": "wl-example"').first).to_be_visible()
    _show_slide(page, "A watchlist's exposure paths")
    page.locator("pre.runnable[data-query='watchlist_paths']").first.click()
    page.get_by_test_id("editor-Run").first.click()
    expect(page.get_by_text(f"Displaying {nodes} nodes").first).to_be_visible()
    _show_slide(page, "A watchlist's exposure paths")
    page.locator("pre.runnable[data-query='watchlist_paths_table']").first.click()
    page.get_by_test_id("editor-Run").first.click()
    result = page.locator("article", has_text="listed_owner").first
    expect(result.get_by_text("SUBSIDIARY_OF 60%").first).to_be_visible()
    expect(result.get_by_text("rule:bis-affiliates-50-percent").first).to_be_visible()
