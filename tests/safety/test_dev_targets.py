"""Issue 14's targets, per language, on the TUNING sets: the development set
(tests/data/crisis/dev) and the three held-out sets retired into tuning data once they had
been read (tests/data/crisis/seen, heldout and fresh, ADR 0009). Each is held to the
targets on its own, so `make test` catches a regression in any of them without touching
the next held-out set (tests/data/crisis/fourth, being written: nothing here reads it).

The shipped classifier has read these sets (safety.classifier.TUNING_SETS), so the full
detector's figures here are a regression test, not a measure; the measure on them is
out of fold (`python -m ops.evaluate crisis --set tuning --cv 5`). The patterns alone
have read nothing, and their false alarms are held to the targets too."""
from __future__ import annotations

import pytest

from ops.evaluation.crisis import NEVER_FLAGGED, TARGETS, crisis_sets, language_report
from safety.assessment import Detector
from safety.content import load_content, place_names

NAMES = ("dev", "seen", "heldout", "fresh")
SETS = {name: crisis_sets(name) for name in NAMES}
TUNING = {(name, language): data for name in NAMES for language, data in SETS[name].items()}


@pytest.fixture(scope="module")
def assess():
    from safety import detector

    return detector().assess


@pytest.fixture(scope="module")
def patterns_only():
    return Detector(load_content(), place_names(), classifier=None).assess


def test_every_language_has_full_tuning_sets():
    for which in SETS.values():
        assert sorted(which) == ["ar", "bn", "en", "pa", "pl", "ro", "so", "ur"]
    for (_, language), data in TUNING.items():
        assert len(data["crisis"]) >= 60, language
        assert sum(bool(i.get("indirect")) for i in data["crisis"]) * 2 >= len(data["crisis"])
        assert len(data["ordinary"]) >= 120, language
        assert set(NEVER_FLAGGED) | {"legal_term", "third_party", "hyperbole", "negation",
                                     "medical_housing"} <= {i["kind"] for i in data["ordinary"]}


def test_the_tuning_set_is_dev_seen_and_heldout_together():
    tuning = crisis_sets("tuning")
    for language in SETS["dev"]:
        assert tuning[language]["crisis"] == sum(
            (SETS[name][language]["crisis"] for name in NAMES), [])


def test_the_classifier_learns_from_the_tuning_and_spent_sets_only():
    """The reported held-out set must stay unread: neither trained on, nor hashed, nor
    named by the detector or the cross-validation. The spent blind sets teach it."""
    from ops.evaluation.crisis import REPORTED, TUNING
    from safety.cache import INPUTS
    from safety.classifier import LEARNT_SETS, SPENT_SETS, TUNING_SETS
    from tests.conftest import ROOT

    assert TUNING_SETS == NAMES == TUNING
    assert LEARNT_SETS == NAMES + SPENT_SETS and REPORTED not in LEARNT_SETS
    assert [p for p in INPUTS if p.startswith("tests/data/crisis/")] == [
        f"tests/data/crisis/{name}/*.yml" for name in LEARNT_SETS]
    for path in [*(ROOT / "safety").glob("*.py"), ROOT / "ops/evaluation/crisis_cv.py"]:
        assert REPORTED not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("which, language", sorted(TUNING))
def test_targets_on_the_tuning_sets(assess, which, language):
    r = language_report(language, TUNING[which, language], assess)
    assert r["reached"] >= TARGETS["reached"], (r["reached"], r["missed"])
    assert r["reached_danger"] >= TARGETS["reached_danger"], (r["reached_danger"],
                                                              r["checked_only"])
    assert r["ordinary_danger"] <= TARGETS["ordinary_danger"], r["false_alarms"]
    assert r["ordinary_concern"] <= TARGETS["ordinary_concern"], r["false_alarms"]
    for kind in NEVER_FLAGGED:
        flagged = [a for a in r["false_alarms"] if a["kind"] == kind]
        assert not flagged, flagged


@pytest.mark.parametrize("which, language", sorted(TUNING))
def test_the_patterns_alone_keep_false_alarms_within_the_targets(patterns_only, which,
                                                                 language):
    """The classifier cannot hide a pattern that over-reaches: it is never asked when a
    pattern has decided."""
    data = {"crisis": [], "ordinary": TUNING[which, language]["ordinary"]}
    r = language_report(language, data, patterns_only)
    assert r["ordinary_danger"] <= TARGETS["ordinary_danger"], r["false_alarms"]
    assert r["ordinary_concern"] <= TARGETS["ordinary_concern"], r["false_alarms"]
