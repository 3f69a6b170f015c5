"""Issue 14's targets, per language, on the DEVELOPMENT sets (tests/data/crisis/dev),
so `make test` catches a regression without touching the held-out sets (which only
`make eval` reads). `python -m ops.evaluate crisis --set dev` lists every miss."""
from __future__ import annotations

import pytest

from ops.evaluation.crisis import NEVER_FLAGGED, TARGETS, crisis_sets, language_report

DEV = crisis_sets("dev")


@pytest.fixture(scope="module")
def assess():
    from safety import detector

    return detector().assess


def test_every_language_has_a_full_development_set():
    assert sorted(DEV) == ["ar", "bn", "en", "pa", "pl", "ro", "so", "ur"]
    for language, data in DEV.items():
        assert len(data["crisis"]) >= 60, language
        assert sum(bool(i.get("indirect")) for i in data["crisis"]) * 2 >= len(data["crisis"])
        assert len(data["ordinary"]) >= 120, language
        assert set(NEVER_FLAGGED) | {"legal_term", "third_party", "hyperbole", "negation",
                                     "medical_housing"} <= {i["kind"] for i in data["ordinary"]}


@pytest.mark.parametrize("language", sorted(DEV))
def test_targets_on_the_development_set(assess, language):
    r = language_report(language, DEV[language], assess)
    assert r["reached"] >= TARGETS["reached"], (r["reached"], r["missed"])
    assert r["reached_danger"] >= TARGETS["reached_danger"], (r["reached_danger"],
                                                              r["checked_only"])
    assert r["ordinary_danger"] <= TARGETS["ordinary_danger"], r["false_alarms"]
    assert r["ordinary_concern"] <= TARGETS["ordinary_concern"], r["false_alarms"]
    for kind in NEVER_FLAGGED:
        flagged = [a for a in r["false_alarms"] if a["kind"] == kind]
        assert not flagged, flagged
