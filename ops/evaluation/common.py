"""Paths and small helpers shared by every measure."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULTS_ROOT = ROOT / "results"
MODEL = ROOT / "models" / "navigator.tar.gz"


def results_dir(day: date | None = None) -> Path:
    """results/<date>/: one folder a day, so reports from different days sit side by side."""
    path = RESULTS_ROOT / (day or date.today()).isoformat()
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_json(folder: Path, name: str, report: dict[str, Any]) -> Path:
    """Save one measure, stamped with when it ran (the report shows it)."""
    report = {"generated_at": datetime.now().isoformat(timespec="seconds"), **report}
    path = folder / f"{name}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def read_json(folder: Path, name: str) -> dict[str, Any] | None:
    path = folder / f"{name}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def text_table(rows: list[list[str]]) -> str:
    """A plain-text table for the terminal: header, rule, rows."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    """The same table as Markdown; '|' inside a cell is escaped so columns stay put."""
    cells = [[c.replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
    lines = ["| " + " | ".join(r) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("---" for _ in rows[0]) + "|")
    return "\n".join(lines)


def shown_path(path: Path) -> str:
    """A path as the report shows it: relative to the project when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def share(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None
