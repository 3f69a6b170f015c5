"""What the intent classifier alone makes of the held-out sets, as counts only.

    python -m ops.evaluation.held_out_intents [--set heldout|spent|dev] [--model PATH]
                                              [--threshold 0.3]

`heldout` is the blind sets `make eval` reports (tests/data/answers/blind/); `spent` the
earlier held-out sets, spent on 7 December 2026 (ops.evaluation.answer_sets.SETS).

Without --model the classifier is fitted here, with config.yml's settings, on data/nlu
(the same examples and pipeline `make train` uses, in about a minute, no Rasa), so a data
change can be measured before a full training run.

- paraphrase: "understood" is the share of questions whose top intent is one of the
  intents of the articles that answer it, with at least the fallback threshold;
- out of scope: "classifier handled" is the share whose top intent is a where-else
  intent, or that fall below the threshold with no housing family close enough to be
  suggested (bot/suggestions.py); the rest would risk a housing article.

Only aggregates are printed (expected -> predicted intent, with counts; predicted intents
of out-of-scope messages, with counts), never a held-out text, so looking at the misses
does not leak the sets into the training data (docs/adr/0024). `--set dev` measures the
dev sets, which may be tuned on: the first answer sets (tests/data/answers/<lang>.yml),
tests/data/answers/dev/ (paraphrase_intents.yml, out_of_scope.yml: written for tuning,
never trained on) and tests/bot/data/scope_calibration.yml.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from bot.suggestions import close_intents
from ops.calibrate_suggestions import classifier
from ops.evaluation.answer_sets import load_answer_sets, paraphrase_folder, scope_folder
from ops.evaluation.common import ROOT
from ops.evaluation.nlu import classifier_config, labelled_examples
from ops.evaluation.out_of_scope import load_out_of_scope

FIRST_ANSWER_SETS = ROOT / "tests" / "data" / "answers"
DEV_DIR = ROOT / "tests" / "data" / "answers" / "dev"
DEV_PARAPHRASE = DEV_DIR / "paraphrase_intents.yml"  # language -> [{text, intent}]
DEV_SCOPE = (ROOT / "tests" / "bot" / "data" / "scope_calibration.yml",
             DEV_DIR / "out_of_scope.yml")  # language -> [text]
# `--set` -> the answer sets (ops.evaluation.answer_sets.SETS) it reads; "dev" is its own.
ANSWER_SETS = {"heldout": "eighth_blind", "seventh_blind": "seventh_blind",
               "sixth_blind": "sixth_blind",
               "fifth_blind": "fifth_blind",
               "fourth_blind": "fourth_blind",
               "third_blind": "third_blind",
               "second_blind": "second_blind", "blind": "blind", "spent": "spent"}
# Intents whose reply says what the assistant cannot help with: a "where else" article
# (a redirect) or the off-topic reply, not an unrelated article.
REDIRECT_INTENTS = frozenset({"out_of_scope_redirect", "noise_antisocial_behaviour",
                              "hate_crime_report", "off_topic"})
BELOW = "(below threshold)"


def fitted_classifier() -> Any:
    """The classifier as `make train` builds it, fitted on data/nlu in this process."""
    # the classifier's module imports Rasa (seconds): only when fitting here
    from bot.components.intent_classifier import build_pipeline

    rows = labelled_examples()
    return build_pipeline(classifier_config()).fit([t for t, _, _ in rows],
                                                   [i for _, i, _ in rows])


def article_intents() -> dict[str, str]:
    """article id -> its question family, from the shipped content."""
    found = {}
    for path in (ROOT / "knowledge" / "content" / "articles").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("intent"):
            found[data["id"]] = data["intent"]
    return found


def paraphrase_questions(which: str) -> list[tuple[str, str, set[str]]]:
    """(language, text, expected intents) of the held-out or the dev paraphrase sets."""
    intent_of = article_intents()
    folder = paraphrase_folder(ANSWER_SETS[which]) if which in ANSWER_SETS \
        else FIRST_ANSWER_SETS
    rows = [(language, q.text, {intent_of[a] for a in q.articles if a in intent_of})
            for language, questions in load_answer_sets(folder).items() for q in questions]
    if which == "dev" and DEV_PARAPHRASE.exists():
        dev = yaml.safe_load(DEV_PARAPHRASE.read_text(encoding="utf-8"))
        rows += [(language, item["text"], {item["intent"]})
                 for language, items in dev.items() for item in items]
    return rows


def scope_messages(which: str) -> list[tuple[str, str]]:
    """(language, text) of the held-out or the dev out-of-scope messages."""
    if which in ANSWER_SETS:
        return [(lang, m["text"]) for lang, items in
                load_out_of_scope(scope_folder(ANSWER_SETS[which])).items() for m in items]
    return [(lang, text) for path in DEV_SCOPE if path.exists()
            for lang, texts in yaml.safe_load(path.read_text(encoding="utf-8")).items()
            for text in texts]


def ranking(classes: list[str], probabilities: Any) -> list[dict[str, Any]]:
    return [{"name": str(c), "confidence": float(p)}
            for c, p in sorted(zip(classes, probabilities), key=lambda kv: -kv[1])]


def paraphrase_report(model: Any, rows: list[tuple[str, str, set[str]]],
                      threshold: float) -> dict[str, dict[str, Any]]:
    """Per language: questions, understood share, and expected -> predicted counts."""
    classes = [str(c) for c in model.classes_]
    probabilities = model.predict_proba([t for _, t, _ in rows])
    report: dict[str, dict[str, Any]] = defaultdict(lambda: {"questions": 0, "understood": 0,
                                                             "misses": Counter()})
    for (language, _, expected), p in zip(rows, probabilities):
        top, confidence = classes[int(p.argmax())], float(p.max())
        r = report[language]
        r["questions"] += 1
        if top in expected and confidence >= threshold:
            r["understood"] += 1
        else:
            shown = top if confidence >= threshold else f"{BELOW}, best {top}"
            r["misses"][f"{'/'.join(sorted(expected))} -> {shown}"] += 1
    return dict(sorted(report.items()))


def scope_report(model: Any, rows: list[tuple[str, str]],
                 threshold: float) -> dict[str, dict[str, Any]]:
    """Per language: messages, classifier-handled share, and what the rest were taken for."""
    classes = [str(c) for c in model.classes_]
    housing = set(article_intents().values()) - REDIRECT_INTENTS
    probabilities = model.predict_proba([t for _, t in rows])
    report: dict[str, dict[str, Any]] = defaultdict(lambda: {"messages": 0, "handled": 0,
                                                             "risks": Counter()})
    for (language, _), p in zip(rows, probabilities):
        top, confidence = classes[int(p.argmax())], float(p.max())
        r = report[language]
        r["messages"] += 1
        if confidence >= threshold:
            # A conversation intent (greet, thanks...) shows no article but is no scope
            # reply either: only a where-else family counts as handled.
            ok = top in REDIRECT_INTENTS
            risk = top
        else:
            close = close_intents(ranking(classes, p)) & housing
            ok, risk = not close, f"{BELOW}, close: {'/'.join(sorted(close))}"
        if ok:
            r["handled"] += 1
        else:
            r["risks"][risk] += 1
    return dict(sorted(report.items()))


def print_reports(paraphrase: dict, scope: dict) -> None:
    total = sum(r["questions"] for r in paraphrase.values())
    understood = sum(r["understood"] for r in paraphrase.values())
    print(f"Paraphrase sets, intent right and confident: all {understood / max(total, 1):.3f} "
          f"({understood}/{total})")
    for language, r in paraphrase.items():
        print(f"  {language} {r['understood'] / r['questions']:.3f} "
              f"({r['understood']}/{r['questions']})")
        for pair, n in r["misses"].most_common():
            print(f"      {n} x {pair}")
    total = sum(r["messages"] for r in scope.values())
    handled = sum(r["handled"] for r in scope.values())
    print(f"Out-of-scope sets, classifier handled: all {handled / max(total, 1):.3f} "
          f"({handled}/{total})")
    for language, r in scope.items():
        print(f"  {language} {r['handled'] / r['messages']:.3f} ({r['handled']}/{r['messages']})"
              + "".join(f"\n      {n} x {risk}" for risk, n in r["risks"].most_common()))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*ANSWER_SETS, "dev"), default="heldout")
    parser.add_argument("--model", type=Path, help="a trained model (.tar.gz); default: fit here")
    parser.add_argument("--threshold", type=float, default=0.3)
    args = parser.parse_args(argv)
    if args.model:
        model = classifier(args.model)
    else:
        model = fitted_classifier()
    print_reports(paraphrase_report(model, paraphrase_questions(args.set), args.threshold),
                  scope_report(model, scope_messages(args.set), args.threshold))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
