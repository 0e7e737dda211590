"""What record time costs: the same questions live and as known after the last load.

Not a test.

    .venv/bin/python bench/bench_known_at.py [--pairs 200] [--seed 25] [--load]

A `known_at` answer walks level by level (cypher/api/edges_known.cypher, one read per level)
where the live answer runs one path pattern; after the last load both must say the same. On
the graph as it is (`--load` first loads curated data, the CSL and the 1260H list, as issue 24
measured), in one process through the API's own app:
* /paths from `--pairs` seeded entities to one at most three edges away (every third: to a
  list),
* /entities/{id}/subsidiaries?reached_by=RULE for every root with a subsidiary and every rule,
* /sectors/{id}/entities for every sector,
each asked live then with `known_at`, alternately. Prints per kind how many answers differ
(must be 0), the median latencies and their ratio. The machine's noise is in the figures: only
the side-by-side ratio of one run means anything.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from api.checks import DEFAULT_PATH_RELS  # noqa: E402
from graph.db import Graph  # noqa: E402
from graph.settings import get_settings  # noqa: E402

LATER = "2999-12-31"  # after any load: the answer as held now
SHARED = ROOT / ".." / "shared" / "data"


def load(graph: Graph) -> None:
    """The three loads of issue 24's measure, as `survgraph load` runs them."""
    from cli.main import main as survgraph

    graph.run_script("admin/wipe")
    for args in (
        ["curated"],
        ["csl", str(SHARED / "csl" / "consolidated-assembled-2026-07.csv")],
        [
            "1260h",
            str(SHARED / "opensanctions_us_lists" / "dod_1260h_chinese_military_companies.csv"),
        ],
    ):
        survgraph(["load", *args])


def rows(graph: Graph, query: str, **params: Any) -> list[dict[str, Any]]:
    found, _, _ = graph.driver.execute_query(query, params, database_=graph.database)
    return [dict(r) for r in found]


def questions(graph: Graph, pairs: int, seed: int) -> Iterator[tuple[str, str, dict[str, str]]]:
    rnd = random.Random(seed)
    walked = [r for r in DEFAULT_PATH_RELS if r != "LISTED_ON"]
    starts = rows(
        graph,
        "MATCH (a:Entity) WHERE NOT a:List AND EXISTS { (a)-[:$any($walked)]-() } "
        "RETURN a.id AS id ORDER BY id",
        walked=walked,
    )
    lists = rows(graph, "MATCH (l:List) RETURN l.id AS id ORDER BY id")
    for k, start in enumerate(rnd.sample(starts, min(pairs, len(starts)))):
        near = rows(
            graph,
            "MATCH (:Entity {id: $id})-[:$any($walked)]-{1,3}(b:Entity) WHERE NOT b:List "
            "RETURN DISTINCT b.id AS id ORDER BY id LIMIT 500",
            id=start["id"],
            walked=walked,
        )
        ends = lists if k % 3 == 0 or not near else near
        yield (
            "paths",
            "/paths",
            {
                "from": start["id"],
                "to": rnd.choice(ends)["id"],
                "max_hops": "6",
                "limit": "100",
            },
        )
    roots = rows(
        graph,
        "MATCH (e:Entity)<-[:SUBSIDIARY_OF|OWNED_BY|CONTROLLED_BY|BRANCH_OF]-() "
        "WHERE NOT e:List RETURN DISTINCT e.id AS id ORDER BY id",
    )
    rules = rows(graph, "MATCH (r:Rule) RETURN r.id AS id ORDER BY id")
    for root in roots:
        for rule in rules:
            path = f"/entities/{root['id']}/subsidiaries"
            ask = {"reached_by": rule["id"], "as_of": "2025-10-15", "limit": "500"}
            yield "reached_by", path, ask
    for sector in rows(graph, "MATCH (s:Sector) RETURN s.id AS id ORDER BY id"):
        yield "sectors", f"/sectors/{sector['id']}/entities", {"limit": "500"}


def timed(client: TestClient, path: str, params: dict[str, str]) -> tuple[float, Any]:
    start = time.perf_counter()
    r = client.get(path, params=params)
    took = time.perf_counter() - start
    body = r.json()
    body.pop("known_at", None) if isinstance(body, dict) else None
    return took, (r.status_code, body)


def _found(body: Any) -> bool:
    return bool(body.get("results"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=25)
    parser.add_argument("--load", action="store_true", help="load the three sources first")
    args = parser.parse_args()
    settings = get_settings()
    with Graph(settings) as graph:
        if args.load:
            load(graph)
        asked = list(questions(graph, args.pairs, args.seed))
    times: dict[str, tuple[list[float], list[float]]] = {}
    differ: dict[str, int] = {}
    answered: dict[str, int] = {}
    with TestClient(create_app(settings)) as client:
        for kind, path, params in asked:
            live_s, live = timed(client, path, params)
            known_s, known = timed(client, path, {**params, "known_at": LATER})
            live_t, known_t = times.setdefault(kind, ([], []))
            live_t.append(live_s)
            known_t.append(known_s)
            differ[kind] = differ.get(kind, 0) + (live != known)
            answered[kind] = answered.get(kind, 0) + (live[0] == 200 and _found(live[1]))
    for kind, (live_t, known_t) in times.items():
        a, b = statistics.median(live_t), statistics.median(known_t)
        print(
            f"{kind:10} n={len(live_t):4}  with results {answered[kind]:4}  differ {differ[kind]}"
            f"  median live {a * 1000:.1f} ms"
            f"  known_at {b * 1000:.1f} ms  ratio {b / a:.2f}"
        )


if __name__ == "__main__":
    main()
