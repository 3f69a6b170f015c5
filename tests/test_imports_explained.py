"""No import inside a function without a comment saying why, and no import cycle even
counting those (issue 12, H8; the rule of docs/adr/0014, which tests/actions/test_structure.py
also holds for actions/).

An import inside a function hides a dependency from the reader and from the import-cycle
check, so it needs a reason: an optional or heavy dependency (Rasa, spaCy through safety/,
the actions package, which starts training the crisis detector), a layer above (studio/
commands offered by the content tool), or something that must happen first. The reason is
a comment on the import's line or on the line before it. Anything else belongs at the top
of the module.

Held for every project package (each top-level folder with an __init__.py but tests/).
"""
from __future__ import annotations

import ast
from pathlib import Path

from tests.actions.test_structure import cycles, import_graph, project_modules

ROOT = Path(__file__).resolve().parents[1]


def unexplained_imports(source: str, name: str) -> list[str]:
    """`name:line import ...` for each import inside a function with no comment on its line
    or on the line before it."""
    lines = source.splitlines()
    found = []
    for function in (n for n in ast.walk(ast.parse(source))
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                here, before = lines[node.lineno - 1], lines[node.lineno - 2]
                if "#" not in here and not before.strip().startswith("#"):
                    found.append(f"{name}:{node.lineno} {here.strip()}")
    return sorted(set(found))


def held_files() -> list[Path]:
    """Every module of every project package (the same list the cycle check reads)."""
    return sorted(project_modules().values())


def test_the_check_finds_an_unexplained_import_and_accepts_a_reason():
    source = ("def a():\n    import json\n\n"
              "def b():\n    # Rasa takes seconds to import\n    import rasa\n\n"
              "def c():\n    import yaml  # optional\n")
    assert unexplained_imports(source, "x.py") == ["x.py:2 import json"]


def test_the_check_sees_every_package():
    folders = {path.relative_to(ROOT).parts[0] for path in held_files()}
    assert {"actions", "core", "insights", "inbox", "knowledge", "ops", "safety", "studio",
            "web"} <= folders
    assert "tests" not in folders


def test_no_unexplained_import_inside_a_function():
    found = [line for path in held_files()
             for line in unexplained_imports(path.read_text(encoding="utf-8"),
                                             str(path.relative_to(ROOT)))]
    assert found == [], "move to the top of the module, or say why:\n" + "\n".join(found)


def test_no_import_cycle_even_counting_imports_inside_functions():
    """A lazy import does not make a cycle acceptable: it only hides it until run time."""
    assert cycles(import_graph(project_modules(), everywhere=True)) == []
