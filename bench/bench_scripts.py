"""Cross-script names: a Cyrillic name against the Latin one a list prints (issue 22).

The labelled set is made from real data: OpenSanctions' Ukraine war sanctions targets, where
an entity's primary name is Latin and some of its aliases are Cyrillic (Russian and
Ukrainian spellings). The index holds every entity's primary name (some 9,800, namesakes
included); each Cyrillic alias is resolved against it. A match on its own entity counts as
right, a match on another as wrong, anything else as missed:
precision = right / (right + wrong), recall = right / aliases.

    .venv/bin/python bench/bench_scripts.py [--targets FILE] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

from loaders.resolution import IndexEntry, Resolver
from loaders.resolution.decision import Judgement

DEFAULT = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "opensanctions_ukraine_war_sanctions"
    / "targets.simple.csv"
)
CYRILLIC = re.compile("[\u0400-\u04ff]")


def labelled(path: Path) -> tuple[list[IndexEntry], list[tuple[str, str, str]]]:
    """Every entity's primary name, and (alias, entity id, kind) for each Cyrillic alias of
    an entity whose primary name is Latin."""
    entries: list[IndexEntry] = []
    queries: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            label = "Person" if row["schema"] == "Person" else "Company"
            entries.append(IndexEntry(row["id"], row["name"], (label,)))
            if CYRILLIC.search(row["name"]):
                continue
            kind = "person" if label == "Person" else "other"
            for alias in dict.fromkeys(row["aliases"].split(";")):
                if CYRILLIC.search(alias) and not re.search("[A-Za-z]", alias):
                    queries.append((alias, row["id"], kind))
    return entries, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0, help="print this many misses")
    args = parser.parse_args()
    entries, queries = labelled(args.targets)
    resolver = Resolver.build(entries)
    names = {e.id: e.name for e in entries}
    tally: Counter[tuple[str, str]] = Counter()
    missed: list[str] = []
    for alias, wanted, kind in queries:
        decision = resolver.resolve(alias)
        got = decision.entity.id if decision.entity else None
        if decision.decision is Judgement.MATCH:
            outcome = "right" if got == wanted else "wrong"
        else:
            outcome = decision.decision.value
        tally[kind, outcome] += 1
        if outcome != "right" and len(missed) < args.show:
            missed.append(
                f"  {outcome}: {alias!r} -> {names.get(got or '', '')!r} ({names[wanted]!r})"
            )
    for kind in ("all", "person", "other"):
        count: Counter[str] = Counter()
        for (k, o), n in tally.items():
            if kind == "all" or k == kind:
                count[o] += n
        total = sum(count.values())
        right, wrong = count["right"], count["wrong"]
        precision = right / (right + wrong) if right + wrong else 1.0
        recall = right / total if total else 0.0
        print(
            f"{kind:7} n={total:5}  P {precision:.3f}  R {recall:.3f}  "
            f"(right {right}, wrong {wrong}, review {count['review']}, none {count['none']})"
        )
    print("\n".join(missed))


if __name__ == "__main__":
    main()
