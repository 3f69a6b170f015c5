"""ops/evaluation/crisis.py: recall by outcome and false alarms by outcome, per language,
on made-up sets and a made-up detector, so each figure is known in advance."""
from __future__ import annotations

import pytest
import yaml

from ops.evaluation.crisis import crisis_sets, language_report
from safety import Assessment

SET = {
    "crisis": [{"text": "numbers", "category": "suicidal", "indirect": False},
               {"text": "check", "category": "domestic_abuse", "indirect": True},
               {"text": "nothing", "category": "homeless_tonight", "indirect": True},
               {"text": "numbers too", "category": "suicidal", "indirect": True}],
    "ordinary": [{"text": "numbers", "kind": "hyperbole"}, {"text": "check", "kind": "postcode"},
                 {"text": "nothing", "kind": "greeting"}, {"text": "nothing", "kind": "other"}],
}


def fake_assess(text: str, language: str) -> Assessment:
    outcome = {"numbers": "danger", "numbers too": "danger", "check": "concern"}.get(
        text, "ordinary")
    return Assessment(outcome, ("suicidal",) if outcome != "ordinary" else ())


def test_figures_by_outcome_kind_and_category():
    r = language_report("en", SET, fake_assess)
    assert (r["reached"], r["reached_danger"]) == (0.75, 0.5)
    assert (r["ordinary_danger"], r["ordinary_concern"]) == (0.25, 0.25)
    assert r["missed"] == ["nothing"] and r["checked_only"] == ["check"]
    assert r["by_category"]["suicidal"] == {"messages": 2, "danger": 1.0, "concern": 0.0}
    assert r["indirect"] == {"messages": 3, "danger": 0.333, "concern": 0.333}
    assert r["by_kind"]["postcode"] == {"messages": 1, "danger": 0.0, "concern": 1.0}
    assert r["false_alarms"] == [{"text": "numbers", "kind": "hyperbole", "outcome": "danger"},
                                 {"text": "check", "kind": "postcode", "outcome": "concern"}]
    assert r["targets_met"] is False


def test_a_postcode_flagged_fails_the_targets_even_when_rates_are_low():
    data = {"crisis": [{"text": "numbers", "category": "suicidal"}] * 40,
            "ordinary": [{"text": "nothing", "kind": "other"}] * 99
            + [{"text": "check", "kind": "postcode"}]}
    r = language_report("en", data, fake_assess)
    assert r["ordinary_concern"] == 0.01 and r["targets_met"] is False


def test_sets_are_read_from_their_folder_and_an_unknown_set_is_refused(tmp_path):
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "en.yml").write_text(yaml.safe_dump({"language": "en", **SET}))
    assert crisis_sets("dev", tmp_path)["en"]["ordinary"][0]["kind"] == "hyperbole"
    with pytest.raises(ValueError):
        crisis_sets("training", tmp_path)
