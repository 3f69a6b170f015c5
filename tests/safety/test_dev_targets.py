"""Issue 14's targets, per language, on the TUNING sets: the development set
(tests/data/crisis/dev) and the first held-out set, retired into tuning data once its
misses had been read (tests/data/crisis/seen, ADR 0009). Each is held to the targets on
its own, so `make test` catches a regression in either without touching the new held-out
set (which only `make eval` reads). `python -m ops.evaluate crisis --set dev|seen` lists
every miss."""
from __future__ import annotations

import pytest

from ops.evaluation.crisis import NEVER_FLAGGED, TARGETS, crisis_sets, language_report

DEV = crisis_sets("dev")
SEEN = crisis_sets("seen")
TUNING = {("dev", language): data for language, data in DEV.items()} | {
    ("seen", language): data for language, data in SEEN.items()}


@pytest.fixture(scope="module")
def assess():
    from safety import detector

    return detector().assess


def test_every_language_has_full_tuning_sets():
    for which in (DEV, SEEN):
        assert sorted(which) == ["ar", "bn", "en", "pa", "pl", "ro", "so", "ur"]
    for (_, language), data in TUNING.items():
        assert len(data["crisis"]) >= 60, language
        assert sum(bool(i.get("indirect")) for i in data["crisis"]) * 2 >= len(data["crisis"])
        assert len(data["ordinary"]) >= 120, language
        assert set(NEVER_FLAGGED) | {"legal_term", "third_party", "hyperbole", "negation",
                                     "medical_housing"} <= {i["kind"] for i in data["ordinary"]}


def test_the_tuning_set_is_dev_and_seen_together():
    tuning = crisis_sets("tuning")
    for language in DEV:
        assert tuning[language]["crisis"] == DEV[language]["crisis"] + SEEN[language]["crisis"]


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
