"""Training examples queued from the inbox, written into the training data for the next
`make train` (which runs `python -m inbox training` first).

They go to data/nlu/<language>/inbox.yml, one file per language, appended to and never
rewritten, so a developer sees them in git like any other training data and can move or
remove one. An example already in that file is not written twice.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from inbox import store

DATA = Path(__file__).resolve().parent.parent / "data" / "nlu"
HEADER = ("# Written by `python -m inbox training` (run by `make train`) from examples an\n"
          "# editor added in the studio's inbox (/studio/inbox). Reviewed in git like any\n"
          "# other training data.\n")


def _read(path: Path) -> dict[str, list[str]]:
    """intent -> examples already in the file."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: dict[str, list[str]] = {}
    for block in data.get("nlu") or []:
        lines = str(block.get("examples") or "").splitlines()
        found.setdefault(block["intent"], []).extend(
            line.strip()[2:] for line in lines if line.strip().startswith("- "))
    return found


def _write(path: Path, examples: dict[str, list[str]]) -> None:
    lines = [HEADER, 'version: "3.1"\n', "\nnlu:\n"]
    for intent in sorted(examples):
        lines.append(f"- intent: {intent}\n  examples: |\n")
        lines += [f"    - {' '.join(text.split())}\n" for text in examples[intent]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")


def write_queued(engine: Engine, data: Path = DATA) -> int:
    """Write every queued example into data/nlu/<language>/inbox.yml; how many were new."""
    if not inspect(engine).has_table("inbox_training"):
        return 0
    queued = store.queued_training(engine)
    added = 0
    for language in sorted({e.language for e in queued}):
        path = data / language / "inbox.yml"
        examples = _read(path)
        for example in (e for e in queued if e.language == language):
            known = {t for texts in examples.values() for t in texts}
            text = " ".join(example.text.split())
            if text and text not in known:
                examples.setdefault(example.intent, []).append(text)
                added += 1
        if examples:
            _write(path, examples)
    store.mark_written(engine, [e.id for e in queued])
    return added
