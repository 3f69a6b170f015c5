"""Language identification on short held-out messages (tests/data/language_id)."""
from __future__ import annotations

from collections import defaultdict

import yaml

from ops.evaluation.common import ROOT

LANGUAGE_ID_DIR = ROOT / "tests" / "data" / "language_id"


def evaluate_language_id() -> dict:
    # Here, not at the top: importing the actions package starts training the crisis
    # detector (tens of seconds of CPU), and only this evaluation needs the identifier.
    from actions.language_id import identifier

    detector = identifier()
    report: dict = {"languages": {}}
    for path in sorted(LANGUAGE_ID_DIR.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        expected = data["language"]
        by_script: dict[str, list[bool]] = defaultdict(list)
        misses = []
        for item in data["messages"]:
            found = detector.identify(item["text"])
            right = found.language == expected
            by_script[item.get("script", "native")].append(right)
            if not right:
                misses.append(f"{item['text']!r} -> {found.language} ({found.confidence:.2f})")
        everything = [ok for oks in by_script.values() for ok in oks]
        report["languages"][expected] = {
            "messages": len(everything),
            "accuracy": round(sum(everything) / len(everything), 3),
            "by_script": {s: round(sum(v) / len(v), 3) for s, v in by_script.items()},
            "misses": misses[:5],
        }
    return report
