"""`survgraph review ...`: list doubtful resolutions and settle them (accept, reject, undo).

An accept or an undo changes which entity a list entry resolves to, and the links a
designating notice states follow the entries (`loaders.notices`). Resolution knows nothing of
notices, so the caller of a decision recomputes them, as a load does after its claims: after
a decision the links are those a clean load of the same graph gives.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from graph.db import Graph
from loaders.notices import link_notices
from loaders.resolution import accept, list_items, reject, undo

# What `review --json` shows of each item.
SHOWN = (
    "id",
    "kind",
    "status",
    "input",
    "candidates",
    "explanation",
    "about_id",
    "proposed_type",
    "proposed_end",
    "created_at",
    "decided_by",
    "chosen_id",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = sub.add_parser("review", help="the review queue: list, accept, reject, undo")
    review.add_argument("--json", action="store_true", help="print JSON instead of text")
    review.add_argument("--status", default="pending", choices=["pending", "accepted", "rejected"])
    review.add_argument("--kind", default=None, help="only items of this kind")
    review.add_argument("--limit", type=int, default=200)
    review.set_defaults(handler=_list)
    actions = review.add_subparsers(dest="action", required=False, metavar="ACTION")

    listing = actions.add_parser("list", help="list items (default: pending)")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--status", default="pending", choices=["pending", "accepted", "rejected"])
    listing.add_argument("--kind", default=None)
    listing.add_argument("--limit", type=int, default=200)
    listing.set_defaults(handler=_list)

    acc = actions.add_parser("accept", help="settle an item: its facts go to the chosen entity")
    acc.add_argument("id")
    group = acc.add_mutually_exclusive_group()
    group.add_argument("--entity", default=None, help="entity id (default: top candidate)")
    group.add_argument("--new", action="store_true", help="create the entity the item proposes")
    acc.add_argument("--by", default=None, help="reviewer name (default: $USER or 'cli')")
    acc.add_argument("--json", action="store_true")
    acc.set_defaults(handler=_accept)

    rej = actions.add_parser("reject", help="record that the input is not the candidates")
    rej.add_argument("id")
    rej.add_argument("--entity", default=None, help="reject only this candidate")
    rej.add_argument("--by", default=None)
    rej.add_argument("--json", action="store_true")
    rej.set_defaults(handler=_reject)

    und = actions.add_parser("undo", help="reverse an accept or a reject")
    und.add_argument("id")
    und.add_argument("--by", default=None)
    und.add_argument("--json", action="store_true")
    und.set_defaults(handler=_undo)


def _print(result: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return
    for key, value in result.items():
        print(f"{key}: {value}")


def _list(args: argparse.Namespace) -> int:
    with Graph() as graph:
        items = list_items(graph, status=args.status, kind=args.kind, limit=args.limit)
    if args.json:
        shown = [{k: item.get(k) for k in SHOWN} for item in items]
        print(json.dumps(shown, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(f"no {args.status} review items")
        return 0
    for item in items:
        print(
            f"{item['id']}  [{item.get('kind')}]  {item.get('input')!r}  (from {item['about_id']})"
        )
        for cand in item["candidates"][:5]:
            print(f"    {cand['score']:.3f}  {cand['id']}  {cand['name']}")
        if not item["candidates"]:
            print("    (no candidate: accept with --entity ID, or --new)")
        print(f"    {item.get('explanation') or ''}")
    print(f"{len(items)} {args.status} item(s)")
    return 0


def _accept(args: argparse.Namespace) -> int:
    with Graph() as graph:
        result = accept(graph, args.id, entity_id=args.entity, new=args.new, by=args.by)
        result["notice_links"] = link_notices(graph)
    _print(result, args.json)
    return 0


def _reject(args: argparse.Namespace) -> int:
    with Graph() as graph:
        result = reject(graph, args.id, by=args.by, entity_id=args.entity)
    _print(result, args.json)
    return 0


def _undo(args: argparse.Namespace) -> int:
    with Graph() as graph:
        result = undo(graph, args.id, by=args.by)
        result["notice_links"] = link_notices(graph)
    _print(result, args.json)
    return 0
