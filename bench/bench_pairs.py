"""The resolver on OpenSanctions' own labelled pairs, names only (issue 22's protocol).

For each pair an index holds only the right-hand entity's primary name (its caption); the
left-hand caption is resolved against it, and ``match`` counts as "same". No dates, ids or
countries: what the names alone decide. Prints precision, recall and F1 at the match decision
(and at match-or-review) overall and per kind (person / org), and the share of true pairs a
reviewer would have to clear by hand.

The pairs are OpenSanctions' (CC BY-NC 4.0, evaluation only): read where they lie, never
copied into the repository.

    .venv/bin/python bench/bench_pairs.py [--pairs FILE] [--show N]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.resolution import IndexEntry, Resolver
from loaders.resolution.decision import Judgement

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "opensanctions_pairs"
ORGS = frozenset({"Company", "Organization", "LegalEntity", "PublicBody"})


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str
    same: bool
    judgement: Judgement
    left: str
    right: str


def kind_of(left: dict[str, Any], right: dict[str, Any]) -> str:
    schemas = {left["schema"], right["schema"]}
    if schemas == {"Person"}:
        return "person"
    if schemas <= ORGS:
        return "org"
    return "other"


def decide(pair: dict[str, Any]) -> Outcome:
    left, right = pair["left"], pair["right"]
    label = "Person" if right["schema"] == "Person" else "Company"
    resolver = Resolver.build([IndexEntry(right["id"], right["caption"], (label,))])
    decision = resolver.resolve(left["caption"])
    same = pair["judgement"] == "positive"
    kind = kind_of(left, right)
    return Outcome(kind, same, decision.decision, left["caption"], right["caption"])


def figures(outcomes: list[Outcome], accept: frozenset[Judgement]) -> str:
    tp = sum(1 for o in outcomes if o.same and o.judgement in accept)
    fp = sum(1 for o in outcomes if not o.same and o.judgement in accept)
    fn = sum(1 for o in outcomes if o.same and o.judgement not in accept)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def report(outcomes: list[Outcome], show: int) -> None:
    match = frozenset({Judgement.MATCH})
    either = frozenset({Judgement.MATCH, Judgement.REVIEW})
    for kind in ("all", "person", "org"):
        part = [o for o in outcomes if kind == "all" or o.kind == kind]
        true = [o for o in part if o.same]
        review = sum(1 for o in true if o.judgement is Judgement.REVIEW)
        print(f"{kind:7} n={len(part):4}  match: {figures(part, match)}")
        print(f"{'':7}         match|review: {figures(part, either)}")
        print(f"{'':7}         true pairs sent to review: {review / max(len(true), 1):.1%}")
    counts = Counter((o.same, o.judgement.value) for o in outcomes)
    print("by label and decision:", dict(sorted(counts.items())))
    if show:
        wrong = [o for o in outcomes if not o.same and o.judgement is Judgement.MATCH]
        print(f"false matches ({len(wrong)}):")
        for o in wrong[:show]:
            print(f"  {o.kind}: {o.left!r} ~ {o.right!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT / "first1000.json")
    parser.add_argument("--show", type=int, default=0, help="print this many false matches")
    args = parser.parse_args()
    pairs = json.loads(args.pairs.read_text(encoding="utf-8"))
    report([decide(pair) for pair in pairs], args.show)


if __name__ == "__main__":
    main()
