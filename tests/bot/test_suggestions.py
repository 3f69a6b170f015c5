"""'Is it one of these?' offers only question families the classifier finds close."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.suggestions import (
    SIBLINGS_TOGETHER,
    SUGGESTION_MIN_CONFIDENCE,
    close_intents,
    close_suggestions,
    sibling_answer,
)
from knowledge.intents import known_intents
from knowledge.sibling_questions import are_siblings, sibling_groups
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


def test_nothing_is_offered_when_the_message_is_likelier_off_topic():
    """"Will it rain in Birmingham this weekend?": the weather is not a housing question,
    even if "Birmingham" makes the applying article a weak match."""
    matches = [Found("apply-birmingham", "apply_for_housing")]
    assert close_suggestions(matches, ranking(off_topic=0.3, apply_for_housing=0.15)) == ()
    assert close_intents(ranking(off_topic=0.1, out_of_scope_redirect=0.05,
                                 apply_for_housing=0.2)) == {"apply_for_housing"}


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


GROUPS = (frozenset({"apply_for_housing", "housing_eligibility"}),
          frozenset({"damp_mould_repairs", "private_renting_repairs"}))


def test_two_unsure_siblings_are_answered_with_the_likelier():
    """Below the fallback threshold, but both families answer the same question."""
    assert sibling_answer(ranking(nlu_fallback=0.3, apply_for_housing=0.22,
                                  housing_eligibility=0.2, eco4=0.1), GROUPS) \
        == ("apply_for_housing", "housing_eligibility")
    # too close to call (the fallback's ambiguity threshold), also siblings
    assert sibling_answer(ranking(housing_eligibility=0.41, apply_for_housing=0.38), GROUPS) \
        == ("housing_eligibility", "apply_for_housing")


def test_no_sibling_answer_when_not_siblings_or_not_enough_together():
    assert sibling_answer(ranking(apply_for_housing=0.25, damp_mould_repairs=0.2), GROUPS) is None
    half = SIBLINGS_TOGETHER / 2 - 0.01
    assert sibling_answer(ranking(apply_for_housing=half, housing_eligibility=half),
                          GROUPS) is None
    # the second best decides: a sibling third does not count
    assert sibling_answer(ranking(apply_for_housing=0.25, eco4=0.2, housing_eligibility=0.19),
                          GROUPS) is None
    assert sibling_answer(None, GROUPS) is None
    assert sibling_answer(ranking(apply_for_housing=0.9), GROUPS) is None


def test_the_shipped_sibling_groups_name_known_families():
    groups = sibling_groups()
    known = known_intents()
    assert groups and known
    assert all(len(g) >= 2 and g <= known for g in groups)
    assert are_siblings("apply_for_housing", "housing_eligibility", groups)
    assert not are_siblings("apply_for_housing", "apply_for_housing", groups)
    assert not any("out_of_scope_redirect" in g for g in groups)
