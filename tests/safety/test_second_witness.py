"""Two witnesses (ADR 0009, round 8): a danger phrase gives the numbers unless the
classifier, reading the whole message, is all but sure it is ordinary; then the resident
gets the safety check, never silence."""
from __future__ import annotations

import pytest

from safety import detector
from safety.assessment import CONCERN, DANGER, PHRASE_DOUBT, Reading, decide

LIMITS = {"danger": 0.7, "concern": 0.4}


def phrase(score: float | None) -> Reading:
    return Reading(None, score=score, phrase_danger=("immediate_danger", "domestic_abuse"))


@pytest.mark.parametrize("score", [PHRASE_DOUBT, 0.3, 0.99])
def test_a_phrase_the_classifier_does_not_doubt_gives_the_numbers(score: float) -> None:
    assessment = decide(phrase(score), LIMITS)
    assert (assessment.outcome, assessment.categories, assessment.reason) == \
        (DANGER, ("immediate_danger", "domestic_abuse"), "phrase")


def test_a_phrase_the_classifier_doubts_gets_the_check_with_the_phrase_categories() -> None:
    assessment = decide(phrase(PHRASE_DOUBT - 0.01), LIMITS)
    assert (assessment.outcome, assessment.categories) == \
        (CONCERN, ("immediate_danger", "domestic_abuse"))
    assert assessment.reason == f"phrase, classifier doubts it ({PHRASE_DOUBT - 0.01:.2f})"


def test_the_thresholds_do_not_touch_a_phrase() -> None:
    """Calibrating the classifier's thresholds (crisis.best_limits) moves only what the
    classifier alone decides: a phrase it does not doubt is danger at any threshold."""
    assert decide(phrase(0.5), {"danger": 1.01, "concern": 1.01}).outcome == DANGER


def test_a_message_too_short_for_the_classifier_keeps_the_phrase_alone() -> None:
    """Under CLASSIFIER_MIN_WORDS the classifier is not asked: the phrase decides."""
    found = detector().read("kill myself", "en")
    assert found.settled is not None and found.settled.outcome == DANGER
    assert found.score is None


def test_the_real_classifier_reads_a_phrase_in_a_long_message() -> None:
    """With the shipped classifier a long message with a phrase carries its score, and a
    plain statement of intent stays danger."""
    reading = detector().read("i want to kill myself tonight i cant go on", "en")
    assert reading.settled is None and reading.phrase_danger == ("suicidal",)
    assert reading.score is not None and reading.score >= PHRASE_DOUBT
    assert decide(reading, LIMITS).outcome == DANGER
