"""The "precise enough date" rule lives once, in graph.model.decided_from (applied at load
time): the API's statements and code only compare `decided_from` with the day asked."""

from __future__ import annotations

import re

from tests.conftest import ROOT

WORD = r"""['"](?:year|month|approximate|after)['"]"""
PRECISION_LIST = re.compile(rf"{WORD}\s*,\s*{WORD}")  # e.g. IN ['year', 'month', ...]


def test_no_precision_list_in_the_api() -> None:
    files = [*(ROOT / "cypher" / "api").glob("*.cypher"), *(ROOT / "api").rglob("*.py")]
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRECISION_LIST.search(line)
    ]
    assert not found, "\n".join(found)
