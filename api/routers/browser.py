"""GET /browser/guide and /browser/style.grass: what Neo4j Browser opens on connecting.

The local server's `browser.post_connect_cmd` (graph/server.py) runs `:style` and `:play` with
these URLs, so a researcher connecting sees the survgraph style and a guide of the ready
investigations, each a click-to-run query with its parameter. The queries are the files in
`cypher/browser/`, read as they are (one source of truth). Browser fetches from its own origin,
so these answers carry CORS headers for it (and answer the preflight its no-cache headers
cause). Not part of the API's contract, so not in the OpenAPI document.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse

from graph.settings import PROJECT_ROOT, Settings

router = APIRouter(tags=["browser"], include_in_schema=False)

BROWSER_DIR = PROJECT_ROOT / "cypher" / "browser"
GUIDE_TITLE = "survgraph investigations"


@dataclass(frozen=True)
class Investigation:
    """One guide slide: a query file of cypher/browser/ and the parameter it needs; `table`,
    the same answer as a table for export, where the query draws a graph."""

    file: str
    title: str
    why: str
    param: str | None = None
    value: str | None = None
    table: str | None = None


INVESTIGATIONS = (
    Investigation(
        "listed_subsidiaries",
        "Listed subsidiaries",
        "Which subsidiaries and branches of a company are on a designation list, drawn as the "
        "group: one path per listed subsidiary up to the company, with its listings (since "
        "when, under which citation, which sources say so: click an edge). Double-click a node "
        "to expand it.",
        param="company",
        value="company:hikvision",
        table="listed_subsidiaries_table",
    ),
    Investigation(
        "affiliates_rule_reach",
        "Who the Affiliates Rule reaches",
        "Which entities a company owns or controls that the BIS Affiliates Rule reaches beyond "
        "the names on its lists, drawn: each one's path up to the company and, where one "
        "exists, the chain of majority stakes that leads to a listed party, with its listings "
        "(click an edge for its share and sources). The table adds every stake held in each "
        "(the source's words, the interval, whether the owner is listed) and the rule's "
        "versions. The API adds stakes up and decides a day: ?reached_by=RULE&as_of=DAY.",
        param="company",
        value="company:hikvision",
        table="affiliates_rule_reach_table",
    ),
    Investigation(
        "paths_to_lists",
        "Paths to lists",
        "Every shortest ownership, OFAC Linked To or listing path from a company to any "
        "designation list, drawn as a graph; each edge carries the source_ids to quote.",
        param="company",
        value="company:urumqi-haishi-xinan",
    ),
    Investigation(
        "contracts_by_region",
        "Contracts by region",
        "Government contracts performed in a region or anywhere inside it, drawn with the "
        "places between, who awarded them and who is party; the table adds their status.",
        param="region",
        value="place:cn-xinjiang",
        table="contracts_by_region_table",
    ),
    Investigation(
        "source_supports",
        "What one source supports",
        "Everything a single source supports, drawn: the entities and the facts that cite it.",
        param="source",
        value="source:reuters-2024-12-hikvision-xinjiang",
        table="source_supports_table",
    ),
    Investigation(
        "sector_vendors",
        "Listed vendors of a sector",
        "Which vendors a source puts in a sector (video surveillance, facial recognition, ...), "
        "their designations, and which members of their groups are listed, drawn as a graph.",
        param="sector",
        value="sector:video-surveillance",
    ),
    Investigation(
        "watchlist_paths",
        "A watchlist's exposure paths",
        "For each member of a watchlist (POST /watchlists answers its id), its own listings "
        "and every ownership or control path up to a listed owner or controller, with that "
        "owner's listings and the scope rules of its lists: the paths along which "
        "/watchlists/{id}/changes reports a listing, a stake, an ownership claim or a rule "
        "version changing. The table gives the stakes along each path.",
        param="watchlist",
        value="wl-example",
        table="watchlist_paths_table",
    ),
    Investigation(
        "list_snapshots",
        "Where each list comes from",
        "Each designation list with its entry count, when it was loaded and the snapshot (file, "
        "date, official URL) its entries come from.",
    ),
)


def query_text(name: str) -> str:
    """The investigation as the repository has it (cypher/browser/<name>.cypher)."""
    return (BROWSER_DIR / f"{name}.cypher").read_text(encoding="utf-8").strip()


def _slide(item: Investigation) -> str:
    parts = [f"<h3>{html.escape(item.title)}</h3>", f"<p>{html.escape(item.why)}</p>"]
    if item.param and item.value:
        command = html.escape(f":param {item.param} => '{item.value}'")
        parts.append(
            "<p>1. Set the parameter: click it into the editor, then run it (Ctrl+Enter).</p>"
            f'<pre class="code runnable" data-param="{item.param}">{command}</pre>'
        )
    parts.append("<p>2. Click the query into the editor, then run it (Ctrl+Enter):</p>")
    parts.append(f'<pre class="code runnable" data-query="{item.file}">')
    parts.append(f"{html.escape(query_text(item.file))}</pre>")
    if item.table:
        parts.append(
            "<p>3. The same answer as a table, for export (Browser's table view, then "
            "download it as CSV):</p>"
            f'<pre class="code runnable" data-query="{item.table}">'
            f"{html.escape(query_text(item.table))}</pre>"
        )
    return f'<slide class="row-fluid" id="{item.file}">' + "".join(parts) + "</slide>"


def _intro() -> str:
    steps = "".join(
        f"<li>{html.escape(item.title)}: {html.escape(item.why)}</li>" for item in INVESTIGATIONS
    )
    return (
        '<slide class="row-fluid" id="intro"><h3>survgraph</h3>'
        "<p>A cited knowledge graph of surveillance vendors, their subsidiaries, contracts and "
        "the designations governments put on them. Every relationship has a "
        "<code>source_ids</code> property naming the Source nodes that support it.</p>"
        f"<p>The next slides are ready investigations:</p><ol>{steps}</ol>"
        "<p>The survgraph style is applied already (companies blue, lists red); "
        "<code>:style reset</code> undoes it.</p></slide>"
    )


@lru_cache(maxsize=1)
def guide_html() -> str:
    """The guide in Browser's format: `<slide>`s with `pre.runnable` blocks (a click puts the
    block in the editor; an `exec-topic` button would run in the guide's own frame and
    replace the guide)."""
    slides = "".join([_intro(), *(_slide(item) for item in INVESTIGATIONS)])
    return (
        f"<!DOCTYPE html><html><head><title>{GUIDE_TITLE}</title></head><body>"
        f'<article class="guide"><carousel class="deck container-fluid">{slides}'
        "</carousel></article></body></html>"
    )


def allowed_origins(settings: Settings) -> set[str]:
    """Browser's origins: the local server's HTTP port (and the default 7474), by either name."""
    ports = {settings.db_http_port, 7474}
    return {f"http://{host}:{port}" for host in ("localhost", "127.0.0.1") for port in ports}


def _cors(request: Request, response: Response) -> Response:
    origin = request.headers.get("origin")
    if origin and origin in allowed_origins(request.app.state.settings):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
        # Browser adds its own headers (cache-control, pragma, sentry-trace, baggage): a
        # preflight is answered with what it asks for, the answers being public files.
        asked = request.headers.get("access-control-request-headers")
        response.headers["Access-Control-Allow-Headers"] = asked or "cache-control, pragma"
        response.headers["Access-Control-Max-Age"] = "600"
        response.headers["Vary"] = "Origin"
    return response


@router.get("/browser/guide")
def guide(request: Request) -> Response:
    return _cors(request, HTMLResponse(guide_html()))


@router.get("/browser/style.grass")
def style(request: Request) -> Response:
    text = (BROWSER_DIR / "style.grass").read_text(encoding="utf-8")
    return _cors(request, PlainTextResponse(text))


@router.options("/browser/{name}")
def preflight(request: Request, name: str) -> Response:
    return _cors(request, Response(status_code=204))
