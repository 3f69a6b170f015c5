"""A language whose patterns can find nothing in a message is skipped (issue 17,
understanding/needed_words.py): that must change no Household. An even spread of the training
examples and messages of the retired crisis sets (never the blind one) is read both ways:
with the skip, and with every language's Doc and Matcher built as before."""
from __future__ import annotations

import pytest

from ops.bench.crisis_pass import bench_messages
from understanding.household import HouseholdReader
from understanding.patterns import LanguagePatterns, patterns_for


def test_same_household_with_and_without_the_skip(reader: HouseholdReader,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # An even spread of 4,000 of the sorted texts (about 25,000, growing every round):
    # each set, language and script still in, in a fixed time of every `make test`.
    texts = sorted({text for text, _ in bench_messages()})
    texts = texts[::max(1, len(texts) // 4000)]
    assert len(texts) >= 4000
    skipping = [reader.read(text) for text in texts]
    monkeypatch.setattr(LanguagePatterns, "doc_if_any", LanguagePatterns.doc)
    differs = [text for text, new in zip(texts, skipping) if reader.read(text) != new]
    assert not differs


@pytest.mark.parametrize("language, text, may_find", [
    ("en", "how do I apply for council housing?", False),
    ("en", "we are 5 people in 2 bedrooms", True),
    ("en", "my wife and I", True),          # a couple, named without a number
    ("en", "there are 7 of us", True),      # a number and a word of a pattern
    ("ro", "cum aplic pentru locuinta", False),
    ("bn", "আমরা সাতজন", True),              # a number with its noun glued on
])
def test_may_find(language: str, text: str, may_find: bool) -> None:
    patterns = patterns_for(language)
    assert (patterns.doc_if_any(text) is not None) is may_find
