"""Plain word sequences moved from spaCy's Matcher to a PhraseMatcher (issue 17, ADR 0027)
must change nothing a resident or adviser sees: the same patterns found, and the same
Assessment (outcome, categories, reason), on every message of the retired crisis sets
(the tuning sets and the spent blind sets, an even spread of them; never the blind one)
and the examples of the crisis content. (The 20,700 training examples were compared once, against a recording
of the old matching, `ops.bench.crisis_pass --record`: at ~5 ms a message in the old
Matcher they would add minutes to every test run.)"""
from __future__ import annotations

import copy

import pytest

from ops.bench.crisis_pass import crisis_messages
from safety.assessment import Detector, labelled_patterns
from safety.content import load_content, place_names
from safety.matching import Patterns, plain_phrases, token_patterns
from safety.words import words_of


@pytest.fixture(scope="module")
def matcher_only(patterns_only: Detector) -> Detector:
    """The same detector with every pattern in the Matcher, as before the split."""
    old = copy.copy(patterns_only)
    old.patterns = Patterns(labelled_patterns(load_content()), place_names(), phrases=False)
    return old


def _messages() -> list[tuple[str, str]]:
    examples = [(text, c.language) for c in load_content().values()
                for texts in c.examples.values() for text in texts]
    return crisis_messages() + examples


# How many messages each comparison reads: an even spread over every set, language and
# script. A fixed number, not a share: the retired sets grow by about 1,700 messages a
# round, and a share of them had grown to six minutes of every `make test` (two readings
# of each message, one in the old Matcher at ~5 ms). The whole of them is compared by
# `python -m ops.bench.crisis_pass --record` when the matching changes (ADR 0027).
SAMPLE = 1500


def _spread(items: list, size: int = SAMPLE) -> list:
    """`size` items evenly spread over `items` (all of them when there are fewer)."""
    return items[::max(1, len(items) // size)]


def test_same_patterns_found_and_same_assessment(patterns_only: Detector,
                                                 matcher_only: Detector) -> None:
    messages = _spread(_messages())
    assert len(messages) >= SAMPLE
    differs = [(text, language) for text, language in messages
               if patterns_only.assess(text, language) != matcher_only.assess(text, language)]
    assert not differs


def test_same_patterns_found(patterns_only: Detector, matcher_only: Detector) -> None:
    """Every pattern found, not only the outcome, on a spread of the crisis sets. Compared
    as sets: `find` sorts by place and length, and patterns of two languages at the same
    place were never in a defined order."""
    texts = _spread([text for text, _ in crisis_messages()], SAMPLE // 2)
    words = [words_of(text) for text in texts]
    assert all(set(patterns_only.patterns.find(w)) == set(matcher_only.patterns.find(w))
               for w in words)


def test_most_patterns_are_plain_phrases() -> None:
    """The split is worth having only while most patterns are plain word sequences."""
    patterns = [p for raws in labelled_patterns(load_content()).values()
                for raw in raws for p in token_patterns(raw)]
    plain = [p for p in patterns if plain_phrases(p) is not None]
    assert len(plain) > len(patterns) / 2


@pytest.mark.parametrize("raw, phrases", [
    ("kill myself", [["kill", "myself"]]),
    ("hurt|harm me", [["hurt", "me"], ["harm", "me"]]),
    ("landlord ... lock*", None),
    ("beat*", None),
])
def test_plain_phrases(raw: str, phrases: list[list[str]] | None) -> None:
    [pattern] = token_patterns(raw)
    assert plain_phrases(pattern) == phrases
