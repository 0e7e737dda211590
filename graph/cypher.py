"""Cypher statements live in `cypher/*.cypher` and are loaded by name, never built from input.

The same files are what journalists paste into Neo4j Browser, so a statement exists once.
Values always travel as `$parameters`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from graph.settings import PROJECT_ROOT

CYPHER_DIR = PROJECT_ROOT / "cypher"
_NAME = re.compile(r"^[a-z0-9_]+(/[a-z0-9_]+)*$")


def path_of(name: str) -> Path:
    """`name` is a file stem under cypher/, e.g. `schema` or `browser/listed_subsidiaries`."""
    if not _NAME.match(name):
        raise ValueError(f"not a Cypher file name: {name!r}")
    return CYPHER_DIR / f"{name}.cypher"


@cache
def load(name: str) -> str:
    """One statement per file, comments kept (Neo4j ignores them)."""
    text = path_of(name).read_text(encoding="utf-8").strip()
    return text.removesuffix(";")


def split_statements(text: str) -> list[str]:
    """Split a multi-statement script (like schema.cypher) on `;` at line ends."""
    statements: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        current.append(line)
        if stripped.endswith(";"):
            statements.append("\n".join(current).strip().removesuffix(";"))
            current = []
    if current:
        statements.append("\n".join(current).strip())
    return statements


@cache
def load_script(name: str) -> tuple[str, ...]:
    return tuple(split_statements(path_of(name).read_text(encoding="utf-8")))
