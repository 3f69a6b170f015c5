"""Crisis-detection recall and false-alarm rate per language (tests/data/crisis).

The sets are held out from the phrase lists in knowledge/content/crisis, so recall
here is what a resident writing in their own words would get.
"""
from __future__ import annotations

import yaml

from ops.evaluation.common import ROOT

CRISIS_DIR = ROOT / "tests" / "data" / "crisis"


def crisis_sets() -> dict[str, dict[str, list]]:
    """language -> {"crisis": [(text, category)], "not_crisis": [text]} from tests/data/crisis."""
    sets = {}
    for path in sorted(CRISIS_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sets[data["language"]] = {
            "crisis": [(item["text"], item["category"]) for item in data["crisis"]],
            "not_crisis": [item["text"] if isinstance(item, dict) else str(item)
                           for item in data["not_crisis"]],
        }
    return sets


def evaluate_crisis() -> dict:
    """Recall on crisis messages and false alarms on near-misses, per language."""
    from actions.safety import detector

    found = detector()
    report: dict = {"languages": {}}
    for language, data in crisis_sets().items():
        missed = [text for text, _ in data["crisis"] if not found.categories(text)]
        alarms = [text for text in data["not_crisis"] if found.categories(text)]
        report["languages"][language] = {
            "crisis_messages": len(data["crisis"]),
            "recall": round(1 - len(missed) / len(data["crisis"]), 3),
            "near_misses": len(data["not_crisis"]),
            "false_alarm_rate": round(len(alarms) / len(data["not_crisis"]), 3),
            "missed": missed, "false_alarms": alarms,
        }
    return report
