"""Intent accuracy, macro-F1 and the worst confusions per language, by cross-validation.

The figures use the same classifier and settings as config.yml, on the same training
data, with stratified k-fold cross-validation: every example is predicted by a model
that never saw it. Folds are stratified by intent over all languages together,
because production trains one model on all of them.
"""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from typing import Any

import yaml
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from knowledge.training_data import read_examples
from ops.evaluation.common import ROOT

NLU_DIR = ROOT / "data" / "nlu"
WORST_INTENTS = 8  # rows of the confusion plot: enough to see patterns, few enough to read
MAX_COLUMNS = 12
OTHER = "(any other intent)"


def labelled_examples() -> list[tuple[str, str, str]]:
    """(text, intent, language) for every training example."""
    return [(e.text, e.intent, e.language) for e in read_examples(NLU_DIR)]


def classifier_config() -> dict:
    # Here, not at the top: the classifier imports Rasa (seconds), which the evaluations
    # that only read training data do not need.
    from bot.components.intent_classifier import NavigatorIntentClassifier

    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    for component in config["pipeline"]:
        if component["name"].endswith("NavigatorIntentClassifier"):
            settings = {k: v for k, v in component.items() if k != "name"}
            return {**NavigatorIntentClassifier.get_default_config(), **settings}
    raise SystemExit("config.yml does not use NavigatorIntentClassifier")


def worst_intents(truth: list[str], guess: list[str], count: int = WORST_INTENTS) -> list[dict]:
    """The intents with the lowest F1 in one language (ties: more examples first)."""
    labels = sorted(set(truth))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, guess, labels=labels, zero_division=0)
    rows: list[dict[str, Any]] = [
        {"intent": label, "f1": round(float(f), 3), "precision": round(float(p), 3),
         "recall": round(float(r), 3), "examples": int(s)}
        for label, p, r, f, s in zip(labels, precision, recall, f1, support)]
    rows.sort(key=lambda r: (r["f1"], -r["examples"], r["intent"]))
    return [r for r in rows[:count] if r["f1"] < 1.0]


def confusion_for(truth: list[str], guess: list[str], rows: list[str]) -> dict:
    """Counts of what the worst intents were predicted as.

    Columns are the rows' own intents first (so the diagonal is visible), then the
    intents they were most often mistaken for, then everything else in one column.
    """
    mistaken_for = Counter(g for t, g in zip(truth, guess) if t in rows and g != t
                           and g not in rows)
    columns = list(rows) + [g for g, _ in mistaken_for.most_common(MAX_COLUMNS - len(rows))]
    index = {c: i for i, c in enumerate(columns)}
    matrix = [[0] * (len(columns) + 1) for _ in rows]
    for t, g in zip(truth, guess):
        if t in rows:
            matrix[rows.index(t)][index.get(g, len(columns))] += 1
    return {"rows": list(rows), "columns": columns + [OTHER], "counts": matrix}


def language_report(truth: list[str], guess: list[str]) -> dict:
    pairs = Counter((t, g) for t, g in zip(truth, guess) if t != g)
    worst = worst_intents(truth, guess)
    return {
        "examples": len(truth),
        "accuracy": round(accuracy_score(truth, guess), 3),
        # Averaged over this language's own intents: a message wrongly given an intent that
        # only another language's data has is a miss for its true intent (lower recall),
        # not an extra intent scoring zero in this language's average.
        "macro_f1": round(f1_score(truth, guess, labels=sorted(set(truth)), average="macro",
                                   zero_division=0), 3),
        "confused_pairs": [{"intent": t, "predicted": g, "count": n}
                           for (t, g), n in pairs.most_common(5)],
        # Kept for anyone reading older JSON: "a -> b (n)" strings.
        "worst_confusions": [f"{t} -> {g} ({n})" for (t, g), n in pairs.most_common(3)],
        "worst_intents": worst,
        "confusion": confusion_for(truth, guess, [w["intent"] for w in worst]),
    }


def evaluate_intents(folds: int = 5) -> dict:
    from bot.components.intent_classifier import build_pipeline  # Rasa: see classifier_config

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
    report: dict[str, Any] = {"folds": folds, "examples": len(usable), "seconds": round(seconds, 1),
              "skipped_intents": skipped, "languages": {}}
    for language, indices in sorted(by_language.items()):
        report["languages"][language] = language_report(
            [intents[i] for i in indices], [str(predicted[i]) for i in indices])
    report["overall_accuracy"] = round(accuracy_score(intents, predicted), 3)
    return report
