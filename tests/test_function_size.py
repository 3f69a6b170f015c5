"""No function in the project is 50 lines or longer (issue 12: "the largest function under
50 lines"). A long function is where several concerns hide; split it by what each part
means (see docs/adr/0014 and 0016 for how actions/ and web/ were split)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("actions", "advice", "bot", "core", "insights", "knowledge", "ops", "safety",
            "studio", "understanding", "web")
LIMIT = 50


def function_lengths() -> list[tuple[int, str]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    lines = (node.end_lineno or node.lineno) - node.lineno + 1
                    found.append((lines, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"))
    return found


def test_the_check_sees_the_project():
    assert len(function_lengths()) > 500


def test_every_function_is_under_fifty_lines():
    too_long = sorted((n, where) for n, where in function_lengths() if n >= LIMIT)
    assert too_long == [], "\n".join(f"{n} lines: {where}" for n, where in too_long)
