"""Conversation test stories (tests/conversations) against the trained model.

Runs `rasa test core` in its own process, as `make test` does, so what is measured
is exactly the shipped model; the counts come from the files Rasa writes.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ops.evaluation.common import MODEL, ROOT, shown_path

STORIES = ROOT / "tests" / "conversations"
RASA = str(Path(sys.executable).parent / "rasa")


def story_names(path: Path) -> list[str]:
    """Names of the stories in a YAML story file Rasa wrote ([] for its 'none' comment)."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [s.get("story", "?") for s in data.get("stories", []) or []]


def evaluate_stories(out: Path, model: Path = MODEL, timeout: int = 900) -> dict:
    if not model.exists():
        return {"error": f"no trained model at {shown_path(model)}: run `make train`"}
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    result = subprocess.run(
        [RASA, "test", "core", "--model", str(model), "--stories", str(STORIES),
         "--out", str(out), "--successes", "--no-plot"],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(ROOT)})
    seconds = round(time.monotonic() - started, 1)
    failed = story_names(out / "failed_test_stories.yml")
    passed = story_names(out / "successful_test_stories.yml")
    if result.returncode != 0 or not (failed or passed):
        return {"error": f"rasa test core exited {result.returncode}",
                "output": (result.stdout + result.stderr)[-2000:], "seconds": seconds}
    report_file = out / "story_report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.exists() else {}
    action_accuracy = report.get("accuracy")
    # Rasa's own count of whole conversations; the story files only name them.
    conversations = report.get("conversation_accuracy") or {}
    total = conversations.get("total", len(passed) + len(failed))
    correct = conversations.get("correct", len(passed))
    return {"stories": total, "passed": correct, "failed": total - correct,
            "failed_stories": failed,
            "action_accuracy": round(action_accuracy, 3) if action_accuracy else None,
            "seconds": seconds, "details": shown_path(out)}
