"""Imports run one way: graph/ is the ground floor, loaders/ and exports/ stand on it side by
side (neither imports the other), the API and the CLI on top. The API reaches resolution only
through its package face, and the resolution package imports nothing of the loaders that use
it. Checked by reading every module's imports."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
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
    assert violation("loaders.sources.csl", "api.app")
    assert violation("api.service", "loaders.pipeline")
    assert violation("loaders.resolution.review", "loaders.curated")
    assert violation("loaders.pipeline.load", "loaders.resolution.resolver")
    assert violation("api.service", "loaders.resolution") is None
    assert violation("cli.load_cmd", "loaders.pipeline") is None
    assert violation("exports.ftm", "loaders.ftm")
    assert violation("exports.graphml", "api.models")
    assert violation("loaders.ftm.load", "exports.ftm")
    assert violation("graph.db", "exports.ftm")
    assert violation("exports.ftm", "graph.db") is None
    assert violation("api.csv", "exports.graphml") is None
    assert violation("cli.export_cmd", "exports.ftm") is None


def import_graph(package: str) -> dict[str, set[str]]:
    """Module -> the modules of `package` it imports (function-level imports too: a cycle
    through a deferred import is still a cycle a reader must untangle)."""
    mods = {module: path for module, path in modules() if module.split(".")[0] == package}
    graph: dict[str, set[str]] = {module: set() for module in mods}
    for module, path in mods.items():
        for _, target in imports(path):
            while target and target not in mods:  # `from a.b import c` may name a module c
                target = target.rpartition(".")[0]
            if target and target != module:
                graph[module].add(target)
    return graph


def cycle(graph: Mapping[str, set[str]]) -> list[str]:
    """One import cycle of the graph (its modules, the first repeated at the end), or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_loaders_have_no_import_cycle() -> None:
    found = cycle(import_graph("loaders"))
    assert not found, " -> ".join(found)


def test_the_cycle_check_finds_one() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set(), "c": {"b"}}) == []
