"""Imports run one way: graph/ is the ground floor, loaders/ and exports/ stand on it side by
side (neither imports the other), the API and the CLI on top. The API reaches resolution only
through its package face, and the resolution package imports nothing of the loaders that use
it. Checked by reading every module's imports."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

RANK = {"graph": 0, "loaders": 1, "exports": 1, "api": 2, "cli": 3}
SIDE_BY_SIDE = {"loaders", "exports"}


def imports(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module


def violation(module: str, target: str) -> str | None:
    """Why `module` (dotted) may not import `target`, or None when it may."""
    top, dst = module.split(".")[0], target.split(".")[0]
    if dst not in RANK:
        return None
    inside = module.startswith("loaders.resolution")
    if target.startswith("loaders.resolution.") and not inside:
        return "outside code uses the package face, loaders.resolution"
    if inside and dst == "loaders" and not target.startswith("loaders.resolution"):
        return "resolution imports only graph/ and itself"
    if RANK[dst] > RANK[top]:
        return "imports a higher layer"
    if top != dst and {top, dst} <= SIDE_BY_SIDE:
        return "exports and loaders stand side by side: neither imports the other"
    if top == "api" and dst == "loaders" and target != "loaders.resolution":
        return "the API reaches loaders only through loaders.resolution"
    return None


def modules() -> Iterator[tuple[str, Path]]:
    for layer in RANK:
        for path in sorted((ROOT / layer).rglob("*.py")):
            dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            yield dotted.removesuffix(".__init__"), path


def test_imports_run_one_way() -> None:
    bad = [
        f"{path.relative_to(ROOT)}:{line} imports {target}: {why}"
        for module, path in modules()
        for line, target in imports(path)
        if (why := violation(module, target))
    ]
    assert not bad, "\n".join(bad)


def test_the_check_catches_each_kind() -> None:
    assert violation("graph.db", "loaders.resolution")
    assert violation("loaders.csl", "api.app")
    assert violation("api.service", "loaders.csl_load")
    assert violation("loaders.resolution.review", "loaders.curated")
    assert violation("loaders.csl_load", "loaders.resolution.resolver")
    assert violation("api.service", "loaders.resolution") is None
    assert violation("cli.load_cmd", "loaders.csl_load") is None
    assert violation("exports.ftm", "loaders.ftm")
    assert violation("exports.graphml", "api.models")
    assert violation("loaders.ftm_load", "exports.ftm")
    assert violation("graph.db", "exports.ftm")
    assert violation("exports.ftm", "graph.db") is None
    assert violation("api.csv", "exports.graphml") is None
    assert violation("cli.export_cmd", "exports.ftm") is None
