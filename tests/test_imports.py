"""The package's import structure, read with ``ast``: no cycle, and each rule family keeps its insides.

Every import counts, at module level or inside a function (a lazy import is still a
dependency). The registry names the families' ``rules`` modules as strings, which are not
imports, so it does not reach into them.
"""

from __future__ import annotations

import ast

from conftest import ROOT

from gloss_lint.registry import FAMILIES

PACKAGE = ROOT / "gloss_lint"


def _modules() -> dict[str, ast.Module]:
    """Every module of gloss_lint, by dotted name (a package by its own name)."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return modules


MODULES = _modules()


def _imports(name: str, tree: ast.Module) -> set[str]:
    """The gloss_lint modules ``name`` imports: ``from a import b`` is ``a.b`` when that is a module."""
    package = name if (PACKAGE / "/".join(name.split(".")[1:]) / "__init__.py").exists() else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {target for target in found if target in MODULES and target != name}


GRAPH = {name: _imports(name, tree) for name, tree in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_walk_sees_the_package():
    assert {"gloss_lint.cli", "gloss_lint.read.readers", "gloss_lint.rules.links.graph"} <= set(MODULES)
    assert "gloss_lint.engine" in GRAPH["gloss_lint.cli"]  # a function-level import
    assert "gloss_lint.model" in GRAPH["gloss_lint.registry"]  # a module-level one


def test_cycles_are_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    assert _cycles(GRAPH) == []


def _breaches(graph: dict[str, set[str]]) -> list[str]:
    """Imports of a family's modules from outside it (``gloss_lint.rules.<family>`` itself is fine)."""
    found = []
    for importer, targets in sorted(graph.items()):
        for target in sorted(targets):
            parts = target.split(".")
            if parts[:2] == ["gloss_lint", "rules"] and len(parts) > 3 and parts[2] in FAMILIES:
                family = ".".join(parts[:3])
                if not (importer == family or importer.startswith(family + ".")):
                    found.append(f"{importer} imports {target}")
    return found


def test_breaches_are_found():
    graph = {"gloss_lint.report.html": {"gloss_lint.rules.links.graph", "gloss_lint.rules.facts"},
             "gloss_lint.rules.links.rules": {"gloss_lint.rules.links.graph"},
             "gloss_lint.rules.style.rules": {"gloss_lint.rules.links.graph"}}
    assert _breaches(graph) == ["gloss_lint.report.html imports gloss_lint.rules.links.graph",
                                "gloss_lint.rules.style.rules imports gloss_lint.rules.links.graph"]


def test_families_are_entered_through_their_package():
    """Outside ``gloss_lint/rules/<family>/``, only ``gloss_lint.rules.<family>`` itself is imported:
    what a family hands on, its ``__init__`` says."""
    assert _breaches(GRAPH) == []
