"""'Is it one of these?' offers only question families the classifier finds close."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.suggestions import SUGGESTION_MIN_CONFIDENCE, close_intents, close_suggestions
from knowledge.training_data import read_examples

CALIBRATION = Path(__file__).parent / "data" / "scope_calibration.yml"


@dataclass(frozen=True)
class Found:
    id: str
    intent: str | None


def ranking(**confidences: float) -> list[dict]:
    return [{"name": n, "confidence": c}
            for n, c in sorted(confidences.items(), key=lambda kv: -kv[1])]


def test_a_family_at_or_above_the_threshold_is_offered_in_search_order():
    matches = [Found("bidding-general", "how_bidding_works"), Found("eco4", "eco4"),
               Found("apply-general", "apply_for_housing")]
    offered = close_suggestions(matches, ranking(nlu_fallback=0.3, apply_for_housing=0.2,
                                                 how_bidding_works=SUGGESTION_MIN_CONFIDENCE,
                                                 eco4=0.01))
    assert [m.id for m in offered] == ["bidding-general", "apply-general"]


def test_nothing_is_offered_when_not_about_housing_is_likelier():
    matches = [Found("apply-general", "apply_for_housing")]
    assert close_suggestions(matches, ranking(out_of_scope_redirect=0.25,
                                              apply_for_housing=0.2)) == ()
    assert close_intents(ranking(out_of_scope_redirect=0.1, apply_for_housing=0.2)) \
        == {"apply_for_housing"}


def test_nothing_is_offered_without_a_ranking_or_below_the_threshold():
    matches = [Found("apply-general", "apply_for_housing"), Found("x", None)]
    assert close_suggestions(matches, None) == ()
    assert close_suggestions(matches, ranking(apply_for_housing=0.05)) == ()


def test_the_calibration_messages_are_not_training_examples():
    """They calibrate the threshold only if the classifier never learnt them."""
    trained = {" ".join(e.text.lower().split()) for e in read_examples()}
    calibration = yaml.safe_load(CALIBRATION.read_text(encoding="utf-8"))
    assert set(calibration) == {"en", "ar", "bn", "pa", "pl", "ro", "so", "ur"}
    clash = [t for texts in calibration.values() for t in texts
             if " ".join(t.lower().split()) in trained]
    assert clash == []
