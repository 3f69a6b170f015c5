"""Measure how well the navigator understands residents, per language.

    python -m ops.evaluate nlu        intent accuracy and macro-F1 per language (5-fold CV)
    python -m ops.evaluate language   language identification on short messages
    python -m ops.evaluate crisis     crisis recall and false alarms per language
    python -m ops.evaluate            all of them

The intent figures use the same classifier and settings as config.yml, on the
same training data, with stratified 5-fold cross-validation: every example is
predicted by a model that never saw it. Results are printed as a table and
written to results/<date>/ as JSON.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import yaml
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from knowledge.training_data import read_examples

ROOT = Path(__file__).resolve().parent.parent
NLU_DIR = ROOT / "data" / "nlu"
LANGUAGE_ID_DIR = ROOT / "tests" / "data" / "language_id"
CRISIS_DIR = ROOT / "tests" / "data" / "crisis"
RESULTS = ROOT / "results" / date.today().isoformat()


def labelled_examples() -> list[tuple[str, str, str]]:
    """(text, intent, language) for every training example."""
    return [(e.text, e.intent, e.language) for e in read_examples(NLU_DIR)]


def classifier_config() -> dict:
    from bot.components.intent_classifier import NavigatorIntentClassifier

    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"].endswith("NavigatorIntentClassifier"):
            settings = {k: v for k, v in component.items() if k != "name"}
            return {**NavigatorIntentClassifier.get_default_config(), **settings}
    raise SystemExit("config.yml does not use NavigatorIntentClassifier")


def evaluate_intents(folds: int = 5) -> dict:
    from bot.components.intent_classifier import build_pipeline

    rows = labelled_examples()
    counts = Counter(intent for _, intent, _ in rows)
    # An intent with fewer examples than folds cannot be cross-validated; report it.
    usable = [r for r in rows if counts[r[1]] >= folds]
    skipped = sorted(i for i, n in counts.items() if n < folds)
    texts = [t for t, _, _ in usable]
    intents = [i for _, i, _ in usable]
    started = time.monotonic()
    predicted = cross_val_predict(
        build_pipeline(classifier_config()), texts, intents, n_jobs=2,
        cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=42))
    seconds = time.monotonic() - started
    by_language: dict[str, list[int]] = defaultdict(list)
    for index, (_, _, language) in enumerate(usable):
        by_language[language].append(index)
    report = {"folds": folds, "examples": len(usable), "seconds": round(seconds, 1),
              "skipped_intents": skipped, "languages": {}}
    for language, indices in sorted(by_language.items()):
        truth = [intents[i] for i in indices]
        guess = [predicted[i] for i in indices]
        confusions = Counter((t, g) for t, g in zip(truth, guess) if t != g).most_common(3)
        report["languages"][language] = {
            "examples": len(indices),
            "accuracy": round(accuracy_score(truth, guess), 3),
            "macro_f1": round(f1_score(truth, guess, average="macro", zero_division=0), 3),
            "worst_confusions": [f"{t} -> {g} ({n})" for (t, g), n in confusions],
        }
    overall = accuracy_score(intents, predicted)
    report["overall_accuracy"] = round(overall, 3)
    return report


def evaluate_language_id() -> dict:
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


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    lines.insert(1, "-|-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "all"
    RESULTS.mkdir(parents=True, exist_ok=True)
    if what in ("all", "nlu"):
        report = evaluate_intents()
        (RESULTS / "intents.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        rows = [["language", "examples", "intent accuracy", "macro-F1", "most confused"]]
        for lang, r in report["languages"].items():
            rows.append([lang, str(r["examples"]), f"{r['accuracy']:.3f}", f"{r['macro_f1']:.3f}",
                         "; ".join(r["worst_confusions"][:2])])
        print(f"Intents: {report['folds']}-fold cross-validation, {report['examples']} examples, "
              f"{report['seconds']}s, overall accuracy {report['overall_accuracy']:.3f}")
        print(_table(rows) + "\n")
    if what in ("all", "language"):
        report = evaluate_language_id()
        (RESULTS / "language_id.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        rows = [["language", "messages", "accuracy", "by script"]]
        for lang, r in report["languages"].items():
            rows.append([lang, str(r["messages"]), f"{r['accuracy']:.3f}",
                         ", ".join(f"{s} {v:.2f}" for s, v in r["by_script"].items())])
        print("Language identification on short messages (tests/data/language_id):")
        print(_table(rows))
    if what in ("all", "crisis"):
        report = evaluate_crisis()
        (RESULTS / "crisis.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        rows = [["language", "crisis msgs", "recall", "near-misses", "false alarms"]]
        for lang, r in report["languages"].items():
            rows.append([lang, str(r["crisis_messages"]), f"{r['recall']:.3f}",
                         str(r["near_misses"]), f"{r['false_alarm_rate']:.3f}"])
        print("\nCrisis detection (tests/data/crisis, held out from the phrase lists):")
        print(_table(rows))
    print(f"\nDetails: {RESULTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
