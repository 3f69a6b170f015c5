"""Crisis detection per language: recall by outcome and false alarms by outcome.

Two sets per language (format: docs in tests/data/crisis/README.md):
- tests/data/crisis/dev/<lang>.yml: the development set, which the content and the
  thresholds are tuned on (`python -m ops.evaluate crisis --set dev`);
- tests/data/crisis/seen/<lang>.yml: the first held-out set, retired into tuning data once
  its misses had been read (ADR 0009; `--set seen`, and `--set tuning` for both);
- tests/data/crisis/heldout/<lang>.yml: the second held-out set, retired into tuning data
  too once it had been read (ADR 0009);
- tests/data/crisis/fresh/<lang>.yml: the third held-out set, retired into tuning data
  on 6 December 2026 too once the lead had read it (ADR 0009);
- tests/data/crisis/fourth/<lang>.yml: the fourth held-out set, spent once the lead read
  its misses for round 4 (a development set since; not trained on);
- tests/data/crisis/fifth/<lang>.yml: the fifth, written blind on 6 December 2026; its
  misses were printed once, to the lead, after its first report (ADR 0009), so it is spent;
- tests/data/crisis/sixth/<lang>.yml: the sixth, written blind the same night, spent for
  round 7; tests/data/crisis/seventh/<lang>.yml, the seventh (7 December), spent for
  round 8; tests/data/crisis/eighth/<lang>.yml, the eighth (7 December), spent for round 9;
  tests/data/crisis/ninth/<lang>.yml, the ninth (7 December), spent for round 10;
  tests/data/crisis/tenth/<lang>.yml, the tenth, spent for round 11;
  tests/data/crisis/eleventh/<lang>.yml, the eleventh, spent for round 12;
  tests/data/crisis/twelfth/<lang>.yml, the twelfth, spent for round 13;
  tests/data/crisis/thirteenth/<lang>.yml, the thirteenth, spent for round 14;
  tests/data/crisis/fourteenth/<lang>.yml, the fourteenth, spent for round 15;
- tests/data/crisis/fifteenth/<lang>.yml: the fifteenth, written blind on 8 December 2026
  (the thirteenth session) by people who never read the detector or the other sets: what
  `make eval` reports.

Outcomes (safety.assess): 1 danger (numbers first), 2 concern (the "Are you safe
right now?" check), 3 ordinary. A crisis message is reached by outcome 1 or 2; an
ordinary question should get outcome 3.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from ops.evaluation.common import ROOT

CRISIS_DIR = ROOT / "tests" / "data" / "crisis"
# "seen", "heldout" and "fresh" are the first three held-out sets, each retired into
# tuning data once it had been read (ADR 0009); "tuning" is dev and those together, what
# the content is tuned on. Only a held-out set nobody has tuned on is an honest measure.
SETS = ("dev", "seen", "heldout", "tuning", "fresh", "fourth", "fifth", "sixth", "seventh",
        "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
        "fifteenth")
TUNING = ("dev", "seen", "heldout", "fresh")
# What `make eval` reports unless told: the newest blind set nobody has read (README). The
# fourth to fourteenth were read for rounds 4-15, so their figures flatter the detector now.
REPORTED = "fifteenth"
# Issue 14's targets, per language on the held-out set.
TARGETS = {"reached": 0.97, "reached_danger": 0.90, "ordinary_danger": 0.02,
           "ordinary_concern": 0.05}
# Kinds of ordinary message that must never get outcome 1 or 2.
NEVER_FLAGGED = ("place_name", "postcode", "greeting", "single_word", "short_reply")
DANGER_FLOOR = 0.6  # the lowest classifier score that may give the numbers (calibrate)


def crisis_sets(which: str = REPORTED, folder: Path = CRISIS_DIR) -> dict[str, dict]:
    """language -> {"crisis": [item], "ordinary": [item]} (items as written in the set)."""
    if which not in SETS:
        raise ValueError(f"unknown crisis set '{which}': use one of {', '.join(SETS)}")
    sets: dict[str, dict] = {}
    for name in (TUNING if which == "tuning" else (which,)):
        paths = sorted((folder / name).glob("*.yml"))
        if not paths:
            raise SystemExit(f"no crisis set in {(folder / name).relative_to(ROOT)}")
        for path in paths:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            both = sets.setdefault(data["language"], {"crisis": [], "ordinary": []})
            both["crisis"] += data["crisis"]
            both["ordinary"] += data["ordinary"]
    return sets


def _share(count: int, total: int) -> float:
    return round(count / total, 3) if total else 0.0


def language_report(language: str, data: dict, assess) -> dict:
    """The figures and the misses of one language."""
    crisis = [(item, assess(item["text"], language).outcome) for item in data["crisis"]]
    ordinary = [(item, assess(item["text"], language).outcome) for item in data["ordinary"]]
    reached = [i for i, o in crisis if o != "ordinary"]
    by_category: dict[str, list[str]] = defaultdict(list)
    for item, outcome in crisis:
        by_category[item["category"]].append(outcome)
    indirect = [o for i, o in crisis if i.get("indirect")]
    by_kind: dict[str, list[str]] = defaultdict(list)
    for item, outcome in ordinary:
        by_kind[item.get("kind", "other")].append(outcome)
    report: dict[str, Any] = {
        "crisis_messages": len(crisis), "ordinary_messages": len(ordinary),
        "reached": _share(len(reached), len(crisis)),
        "reached_danger": _share(sum(o == "danger" for _, o in crisis), len(crisis)),
        "ordinary_danger": _share(sum(o == "danger" for _, o in ordinary), len(ordinary)),
        "ordinary_concern": _share(sum(o == "concern" for _, o in ordinary), len(ordinary)),
        "indirect": _outcomes(indirect),
        "by_category": {c: _outcomes(o) for c, o in sorted(by_category.items())},
        "by_kind": {k: _outcomes(o) for k, o in sorted(by_kind.items())},
        "missed": [i["text"] for i, o in crisis if o == "ordinary"],
        "checked_only": [i["text"] for i, o in crisis if o == "concern"],
        "false_alarms": [{"text": i["text"], "kind": i.get("kind", "other"), "outcome": o}
                         for i, o in ordinary if o != "ordinary"],
    }
    # Kept for the summary table: any outcome 1 or 2 on an ordinary question.
    report["recall"] = report["reached"]
    report["false_alarm_rate"] = round(report["ordinary_danger"] + report["ordinary_concern"], 3)
    report["targets_met"] = _targets_met(report)
    return report


def _outcomes(outcomes: list[str]) -> dict:
    return {"messages": len(outcomes), "danger": _share(outcomes.count("danger"), len(outcomes)),
            "concern": _share(outcomes.count("concern"), len(outcomes))}


def _targets_met(r: dict) -> bool:
    never = all(k["danger"] == 0 and k["concern"] == 0
                for kind, k in r["by_kind"].items() if kind in NEVER_FLAGGED)
    return (r["reached"] >= TARGETS["reached"] and r["reached_danger"] >= TARGETS["reached_danger"]
            and r["ordinary_danger"] <= TARGETS["ordinary_danger"]
            and r["ordinary_concern"] <= TARGETS["ordinary_concern"] and never)


def evaluate_crisis(which: str = REPORTED) -> dict:
    """Recall by outcome on crisis messages and false alarms by outcome on ordinary
    questions, per language, on the chosen set."""
    # safety loads spaCy (about 10 s): `python -m ops.evaluate report` needs none of it
    from safety import detector

    found = detector()
    return {"set": which, "targets": TARGETS,
            "languages": {language: language_report(language, data, found.assess)
                          for language, data in crisis_sets(which).items()}}


def best_limits(crisis: list, ordinary: list) -> dict[str, float] | None:
    """The classifier thresholds that reach the most of these crisis readings (by outcome
    1, then 1 or 2) while keeping these ordinary ones under the targets with a margin
    (half the outcome-1 target, 60% of the outcome-2 one); the lowest such, or None.
    Readings are safety.assessment.Reading; give out-of-fold ones (crisis_cv), since the
    shipped classifier has read the tuning sets."""
    # safety loads spaCy (about 10 s): `python -m ops.evaluate report` needs none of it
    from safety.assessment import decide

    # The classifier alone gives the numbers only when fairly sure, and asks the check
    # only above a floor: below these its guesses are noise on ordinary questions.
    grid = [round(0.4 + 0.02 * i, 2) for i in range(31)] + [1.01]
    scored = []
    for danger in (d for d in grid if d >= DANGER_FLOOR):
        for concern in (c for c in grid if c <= danger):
            limits = {"danger": danger, "concern": concern}
            c = [decide(r, limits).outcome for r in crisis]
            o = [decide(r, limits).outcome for r in ordinary]
            if o.count("danger") / len(o) <= TARGETS["ordinary_danger"] / 2 and \
                    o.count("concern") / len(o) <= TARGETS["ordinary_concern"] * 0.6:
                # Ties go to the lower thresholds: they reach more of what the
                # tuning sets do not contain, within the same false alarms.
                scored.append((c.count("danger"), len(c) - c.count("ordinary"),
                               -danger, -concern))
    if not scored:
        return None
    _, _, danger, concern = max(scored)
    return {"danger": -danger, "concern": -concern}
