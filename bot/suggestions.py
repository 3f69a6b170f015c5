"""Which "Is it one of these?" suggestions are genuinely close to what was asked.

When the intent classifier is unsure (below the FallbackClassifier threshold), the
message is searched for and the best matches are offered as buttons. Word overlap alone
offers housing articles for "my council tax direct debit is wrong" or "who won the
football": the search matches "council" or nothing in particular. The classifier's own
ranking is a better judge of closeness, because its probabilities are calibrated
(ADR 0007): a suggestion is offered only when its question family has at least
SUGGESTION_MIN_CONFIDENCE in the message's intent ranking. Otherwise the resident gets
the plain "what I can help with, or contact your council" reply, which is honest.

The threshold was calibrated on the first answer sets (in scope) and on
tests/bot/data/scope_calibration.yml (out of scope), and recalibrated on the dev sets
(tests/data/answers/dev/) in round 5, never on the held-out paraphrase or out-of-scope
sets: docs/adr/0024-paraphrases-and-out-of-scope.md gives the figures. The same ADR
calibrates `sibling_answer`: two families that answer the same question
(knowledge/content/sibling_questions.yml) are answered, not listed.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from knowledge.sibling_questions import Groups, are_siblings

SUGGESTION_MIN_CONFIDENCE = 0.12
# Two sibling families (knowledge/content/sibling_questions.yml) that together have at
# least this much are answered, not listed: calibrated on the dev sets (ADR 0024, round 5).
SIBLINGS_TOGETHER = 0.35
FALLBACK = "nlu_fallback"
# The question families of "things this assistant does not handle": near-scope matters
# other services deal with (council tax, visas, benefit decisions) and messages with
# nothing to do with housing (the weather, football, a joke). When the classifier gives
# one of them more than any housing family, the message is more likely not about housing
# at all, and no housing article is offered.
NOT_HOUSING = frozenset({"out_of_scope_redirect", "off_topic"})
NOT_A_HOUSING_GUESS = frozenset({"nlu_fallback"}) | NOT_HOUSING

Suggestion = TypeVar("Suggestion")


def close_intents(ranking: Iterable[dict[str, Any]] | None,
                  threshold: float = SUGGESTION_MIN_CONFIDENCE) -> set[str]:
    """The question families the classifier gave at least `threshold` for this message,
    and more than it gave "not about housing"."""
    ranking = list(ranking or [])
    not_housing = max((float(r.get("confidence") or 0.0) for r in ranking
                       if r.get("name") in NOT_HOUSING), default=0.0)
    return {str(r.get("name")) for r in ranking
            if r.get("name") not in NOT_A_HOUSING_GUESS
            and float(r.get("confidence") or 0.0) >= max(threshold, not_housing)
            and float(r.get("confidence") or 0.0) > not_housing}


def close_suggestions(matches: Sequence[Suggestion], ranking: Iterable[dict[str, Any]] | None,
                      threshold: float = SUGGESTION_MIN_CONFIDENCE) -> tuple[Suggestion, ...]:
    """The search matches (articles, with an `intent`) worth offering, in their order."""
    close = close_intents(ranking, threshold)
    return tuple(m for m in matches if getattr(m, "intent", None) in close)


def sibling_answer(ranking: Iterable[dict[str, Any]] | None, groups: Groups,
                   together: float = SIBLINGS_TOGETHER) -> tuple[str, str] | None:
    """(the likelier family, its sibling) when the classifier's two best families answer
    the same question and together have at least `together`; else None. Below the
    fallback threshold, or too close to call, the classifier is unsure *which* of them,
    not whether the message is about that question."""
    ranked = sorted(((str(r.get("name")), float(r.get("confidence") or 0.0))
                     for r in ranking or [] if r.get("name") != FALLBACK),
                    key=lambda nc: -nc[1])
    if len(ranked) < 2:
        return None
    (first, p1), (second, p2) = ranked[:2]
    if are_siblings(first, second, groups) and p1 + p2 >= together:
        return first, second
    return None
