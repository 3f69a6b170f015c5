"""Cross-validated crisis figures on the tuning sets, and thresholds calibrated on them.

The shipped classifier has read every tuning message (safety.classifier.TUNING_SETS), so
its figures there say nothing about messages it has not seen. Here the tuning messages
are split into folds (by a hash of their words, so a message repeated in two sets falls
in one fold); for each fold a classifier is trained on everything else and reads only
that fold. The patterns and context are the shipped ones: they were written looking at
these sets, so the out-of-fold figures still flatter the detector a little; only a new
held-out set (tests/data/crisis/fresh/, never read here) measures it honestly.

    python -m ops.evaluate crisis --set tuning --cv 5 [--calibrate]
"""
from __future__ import annotations

import hashlib
import inspect

from ops.evaluation.crisis import best_limits, crisis_sets, language_report, TARGETS
from safety.assessment import Assessment, Detector, decide
from safety.cache import cached, inputs_key
from safety.classifier import train_classifier, tuning_messages
from safety.content import load_content, place_names
from safety.words import words_of

SETS = "tuning"


def fold_of(text: str, folds: int) -> int:
    """The fold of a message: the same words always fall in the same fold."""
    key = " ".join(words_of(text)).encode("utf-8")
    return int(hashlib.sha256(key).hexdigest(), 16) % folds


def out_of_fold(folds: int = 5) -> dict[str, dict[str, list]]:
    """language -> {"crisis": [(item, fold, Reading)], "ordinary": [...]}: each message
    read by a classifier trained without its fold."""
    content = load_content()
    probe = Detector(content, place_names(), None)
    sets = crisis_sets(SETS)
    found: dict[str, dict[str, list]] = {
        language: {part: [] for part in ("crisis", "ordinary")} for language in sets}
    for fold in range(folds):
        probe.classifier = fold_classifier(content, fold, folds)
        for language, data in sets.items():
            for part in ("crisis", "ordinary"):
                found[language][part] += [
                    (item, fold, probe.read(item["text"], language))
                    for item in data[part] if fold_of(item["text"], folds) == fold]
        print(f"  fold {fold + 1} of {folds} read", flush=True)
    return found


def fold_classifier(content: dict, fold: int, folds: int):
    """A classifier trained without this fold, kept under var/cache like the shipped one
    (safety.cache, its own file per fold): a change to the patterns, the context or the
    thresholds, which training never reads, is then measured in seconds, not in the half
    hour five trainings take on the shared machine."""
    learnt = {c.language: [c.phrases, c.examples, c.calm] for c in content.values()}
    return cached(lambda: train_classifier(content.values(), tuning_messages(
                      lambda text: fold_of(text, folds) != fold)),
                  inputs_key([learnt, inspect.getsource(fold_of), fold, folds]),
                  name=f"crisis-cv-{fold + 1}of{folds}")


def cross_validate(folds: int = 5) -> dict:
    """Per language: the figures out of fold with the shipped thresholds, the figures
    with thresholds calibrated on the other folds (nested: never on the fold they
    judge), and the thresholds calibrated on every fold (to copy into the content)."""
    shipped = {c.language: c.thresholds for c in load_content().values()}
    readings = out_of_fold(folds)
    languages, calibrated = {}, {}
    for language, parts in readings.items():
        inner = {}
        for fold in range(folds):
            inner[fold] = best_limits(
                *[[r for _, f, r in parts[p] if f != fold] for p in ("crisis", "ordinary")]
            ) or shipped[language]
        calibrated[language] = best_limits(
            *[[r for _, _, r in parts[p]] for p in ("crisis", "ordinary")])
        outcome = {}
        nested = {}
        for part in ("crisis", "ordinary"):
            for item, fold, reading in parts[part]:
                outcome[item["text"]] = decide(reading, shipped[language]).outcome
                nested[item["text"]] = decide(reading, inner[fold]).outcome
        data = {p: [item for item, _, _ in parts[p]] for p in ("crisis", "ordinary")}
        languages[language] = {
            "shipped": language_report(language, data, _lookup(outcome)),
            "nested": language_report(language, data, _lookup(nested)),
        }
    return {"set": f"{SETS}, out of {folds} folds", "targets": TARGETS,
            "languages": {k: v["shipped"] for k, v in languages.items()},
            "nested": {k: v["nested"] for k, v in languages.items()},
            "calibrated": calibrated}


def _lookup(outcomes: dict[str, str]):
    return lambda text, language: Assessment(outcomes[text])
