"""Quality gate for the resolver against a labelled set of real-world name variants.

Why this test exists: precision of ``match`` is the property journalists depend on, and it can
only be measured against realistic distractors.  The index therefore holds our curated vendor
fixture PLUS every row of the real US Consolidated Screening List (~20k names, many of them
Chinese technology firms with the same boilerplate words) and the unrelated "DAHUA
ELECTRONICS CORPORATION" from the BIS Denied Persons List.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from loaders.resolution import IndexEntry, Resolver, place_synonyms

DATA = Path(__file__).resolve().parent / "data"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
CSL = SHARED / "csl" / "consolidated-assembled-2026-07.csv"
DPL = SHARED / "bis_dpl" / "dpl_2022-09.txt"

# CSL rows that are the SAME real company as a curated fixture entity.  They are duplicates,
# not distractors: keeping them would make the index itself ambiguous (two ids for one
# company) and measure nothing about the resolver.  Matched on the CSL ``name`` verbatim.
CSL_DUPLICATES_OF_FIXTURE: frozenset[str] = frozenset(
    {
        "Hangzhou Hikvision Digital Technology Co., Ltd.",  # EL + CMIC rows
        "Hangzhou Hikmicro Sensing Technology Co., Ltd.",
        "Dahua Technology",  # EL row for Zhejiang Dahua (parser cut the name at the comma)
        "Luopu Haishi Dingxin Electronic Technology Co., Ltd.",
        "Moyu Haishi Electronic Technology Co., Ltd.",
        "Pishan Haishi Yong'an Electronic Technology Co., Ltd.",
        "Urumqi Haishi Xin'an Electronic Technology Co., Ltd.",
        "Yutian Haishi Meitian Electronic Technology Co., Ltd.",
        "Huawei Technologies Co., Ltd.",  # EL + CMIC rows (Shenzhen parent)
        "Hytera Communications Limited",
        "IFLYTEK",
        "Megvii Technology",
        "Megvii Technology Limited",
        "Sensetime Group Limited",
        "Yitu Technologies",
        "Yitu Limited",
        "Xiamen Meiya Pico Information Co. Ltd.",
        "Xiamen Meiya Pico Information Co., Ltd.",
        "Yixin Science and Technology Co. Ltd.",
    }
)

PRECISION_TARGET = 0.99
RECALL_TARGET = 0.95


def _split(s: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in s.split(";") if a.strip())


def fixture_entries() -> list[IndexEntry]:
    """Curated vendor entities (ids as in the graph)."""
    with (DATA / "resolution_index.csv").open(newline="", encoding="utf-8") as fh:
        return [
            IndexEntry(
                id=row["id"],
                name=row["name"],
                labels=_split(row["labels"]) or ("Company",),
                aliases=_split(row["aliases"]),
            )
            for row in csv.DictReader(fh)
        ]


def distractor_entries() -> list[IndexEntry]:
    """Real screening-list rows as distractors (requires /work/shared)."""
    out: list[IndexEntry] = []
    with CSL.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["name"].strip()
            if not name or name in CSL_DUPLICATES_OF_FIXTURE:
                continue
            out.append(
                IndexEntry(
                    id=f"csl:{row['_id']}",
                    name=name,
                    labels=("Company",) if row["type"] != "Individual" else ("Person",),
                    aliases=_split(row["alt_names"]),
                )
            )
    with DPL.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["Name"].strip() == "DAHUA ELECTRONICS CORPORATION":
                out.append(IndexEntry(id="dpl:dahua-electronics", name=row["Name"].strip()))
    return out


@lru_cache(maxsize=1)
def build_index() -> Resolver:
    """Fixture + distractors; cached because building takes a couple of seconds."""
    entries = [*fixture_entries(), *distractor_entries()]
    # Place names travel with the graph: one-word names of one county are one token.
    return Resolver.build(entries, synonyms=place_synonyms(entries))


def load_cases() -> list[dict[str, str]]:
    with (DATA / "resolution_cases.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def evaluate(resolver: Resolver, cases: list[dict[str, str]]) -> dict[str, object]:
    """Precision/recall of ``match`` decisions plus the list of failures for the report."""
    tp = fp = positives = 0
    failures: list[str] = []
    for case in cases:
        d = resolver.resolve(case["query"])
        expected = case["expected_id"].strip()
        got = d.entity.id if d.decision == "match" and d.entity else None
        if expected:
            positives += 1
        if got is not None:
            if got == expected:
                tp += 1
            else:
                fp += 1
                failures.append(f"FALSE MATCH {case['query']!r} -> {got} (want {expected or '-'})")
        elif expected:
            failures.append(f"MISSED {case['query']!r} -> {d.decision} ({d.explanation})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / positives if positives else 1.0
    return {
        "precision": precision,
        "recall": recall,
        "tp": tp,
        "fp": fp,
        "positives": positives,
        "failures": failures,
    }


requires_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"shared screening-list data not found at {SHARED}; quality test needs it",
)


def test_cases_file_is_large_and_varied() -> None:
    cases = load_cases()
    assert len(cases) >= 300
    negatives = sum(1 for c in cases if not c["expected_id"].strip())
    assert negatives >= 0.3 * len(cases), "a large share must be hard negatives"
    cats = Counter(c["category"] for c in cases)
    for needed in ("chinese", "pinyin", "typo", "hard_negative", "haishi_mixup"):
        assert cats[needed] > 0, needed
    assert len({c["query"] for c in cases}) == len(cases), "duplicate queries"


@requires_shared
def test_expected_ids_exist_in_index() -> None:
    resolver = build_index()
    entries = [*fixture_entries(), *distractor_entries()]
    assert len(resolver) == len(entries)
    ids = {e.id for e in entries}
    missing = {c["expected_id"] for c in load_cases() if c["expected_id"]} - ids
    assert not missing


@requires_shared
def test_precision_and_recall() -> None:
    result = evaluate(build_index(), load_cases())
    report = "\n".join(result["failures"])  # type: ignore[arg-type]
    assert result["precision"] >= PRECISION_TARGET, report  # type: ignore[operator]
    assert result["recall"] >= RECALL_TARGET, report  # type: ignore[operator]


@requires_shared
def test_dahua_electronics_is_not_zhejiang_dahua() -> None:
    resolver = build_index()
    d = resolver.resolve("DAHUA ELECTRONICS CORPORATION")
    assert d.entity is None or d.entity.id != "company:dahua" or d.decision != "match"
    only_dahua = Resolver.build(e for e in fixture_entries() if e.id == "company:dahua")
    d2 = only_dahua.resolve("Dahua Electronics Corporation")
    assert d2.decision != "match"
