"""Cross-validated figures and thresholds (ops/evaluation/crisis_cv.py, crisis.best_limits):
folds that keep a message in one place, and thresholds chosen from readings whose
outcome under each pair is known in advance."""
from __future__ import annotations

from ops.evaluation.crisis import best_limits
from ops.evaluation.crisis_cv import fold_of
from safety.assessment import Assessment, Reading


def scored(score: float) -> Reading:
    return Reading(None, score=score, category="suicidal")


def test_a_message_always_falls_in_the_same_fold_however_it_is_typed():
    assert fold_of("Nie mogę spać", 5) == fold_of("nie moge spac", 5)
    folds = {fold_of(f"message number {i}", 5) for i in range(200)}
    assert folds == {0, 1, 2, 3, 4}


def test_the_lowest_thresholds_within_the_false_alarm_margin():
    crisis = [scored(0.95), scored(0.75), scored(0.5)]
    # 100 ordinary readings: one scores 0.7, the rest 0.1. Half the 999 target (0.01) allows
    # that one to get the numbers; 60% of the check target (0.03) allows it the check.
    ordinary = [scored(0.7)] + [scored(0.1)] * 99
    assert best_limits(crisis, ordinary) == {"danger": 0.6, "concern": 0.4}
    ordinary = [scored(0.7)] * 2 + [scored(0.1)] * 98
    assert best_limits(crisis, ordinary) == {"danger": 0.72, "concern": 0.4}


def test_no_thresholds_when_the_patterns_alone_break_the_margin():
    settled = Reading(Assessment("danger", ("suicidal",), "phrase"))
    assert best_limits([scored(0.9)], [settled] * 5 + [scored(0.1)] * 95) is None
