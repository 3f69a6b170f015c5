"""The shape of the code (issue 12, ADR 0014): dependencies point one way.

Read from the source (the AST), not by importing it, so a cycle is found even where
Python would tolerate it at run time:
- no import cycle among the project's packages (module-level imports);
- in actions/, none even counting imports inside functions, and no import inside a
  function unless a comment beside it says why;
- modules of actions/ that hold no action import no module that does;
- no action builds and runs another action: shared behaviour is a function both call.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

ACTIONS = ROOT / "actions"
ACTION_BASES = {"Action", "FormValidationAction", "ValidationAction"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    """Every module of every top-level package (a folder with __init__.py) but tests/."""
    packages = [p.parent for p in ROOT.glob("*/__init__.py") if p.parent.name != "tests"]
    return {module_name(f): f for package in packages for f in package.rglob("*.py")}


def _module_level(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module loads: not inside functions or `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If):
            checking = "TYPE_CHECKING" in ast.unparse(node.test)
            found += _module_level(node.orelse) + ([] if checking else _module_level(node.body))
        elif isinstance(node, ast.Try):
            found += _module_level(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                found += _module_level(handler.body)
        elif isinstance(node, ast.With):
            found += _module_level(node.body)
    return found


def imported(name: str, path: Path, node: ast.Import | ast.ImportFrom,
             modules: dict[str, Path]) -> set[str]:
    """The project modules an import statement loads (the module itself, not its parents)."""
    def known(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    if isinstance(node, ast.Import):
        return {m for a in node.names if (m := known(a.name))}
    base = node.module or ""
    if node.level:
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    found = set()
    for alias in node.names:
        target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else known(base)
        if target:
            found.add(target)
    return found


def import_graph(modules: dict[str, Path], everywhere: bool) -> dict[str, set[str]]:
    """Who imports whom; `everywhere` counts imports inside functions too."""
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))] \
            if everywhere else _module_level(tree.body)
        graph[name] = set().union(*(imported(name, path, n, modules) for n in nodes)) - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            following = next((s for s in successors if s in graph), None)
            if following is not None:
                if following not in index:
                    index[following] = low[following] = len(index)
                    stack.append(following)
                    on_stack.add(following)
                    work.append((following, iter(sorted(graph[following]))))
                elif following in on_stack:
                    low[node] = min(low[node], index[following])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
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
    return found


def action_modules() -> set[str]:
    """Modules of actions/ that define an action (a class deriving from rasa-sdk's)."""
    found = set()
    for path in ACTIONS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    ast.unparse(b).rpartition(".")[2] in ACTION_BASES for b in node.bases):
                found.add(module_name(path))
    return found


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set(), "c": {"b"}}) == []


def test_no_import_cycle_among_the_projects_packages():
    assert cycles(import_graph(project_modules(), everywhere=False)) == []


def test_no_import_cycle_in_actions_even_inside_functions():
    modules = {n: p for n, p in project_modules().items() if n.startswith("actions")}
    assert cycles(import_graph(modules, everywhere=True)) == []


@pytest.mark.parametrize("path", sorted(ACTIONS.glob("*.py")), ids=lambda p: p.name)
def test_no_import_inside_a_function_without_a_reason(path):
    """An import inside a function hides a dependency; allowed only with a comment on the
    line before it or beside it saying why (an optional dependency, start-up cost)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    unexplained = []
    for function in (n for n in ast.walk(tree)
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                here, before = lines[node.lineno - 1], lines[node.lineno - 2]
                if "#" not in here and not before.strip().startswith("#"):
                    unexplained.append(f"{path.name}:{node.lineno} {here.strip()}")
    assert unexplained == []


def test_modules_without_actions_import_no_action_module():
    """turn.py, replies.py, pending.py and the other helpers sit below the actions."""
    holding_actions = action_modules()
    assert {"actions.answers", "actions.councils", "actions.handoff"} <= holding_actions
    graph = import_graph({n: p for n, p in project_modules().items()
                          if n.startswith("actions")}, everywhere=True)
    wrong = {m: sorted(graph[m] & holding_actions) for m in graph
             if m not in holding_actions and graph[m] & holding_actions}
    assert wrong == {}


def test_no_action_runs_another_action():
    names = set()
    for path in ACTIONS.glob("*.py"):
        names |= {n.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                  if isinstance(n, ast.ClassDef) and n.name.startswith(("Action", "Validate"))}
    built = [f"{path.name}:{node.lineno}" for path in ACTIONS.glob("*.py")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id in names]
    assert names and built == []
