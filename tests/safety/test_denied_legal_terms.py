"""Round 13 (ADR 0009): a legal term said to be missing is no legal question.

"Notice", "court order" and "section 21" in a message usually mean the resident asks
about the law, and that context explains a danger phrase away ("can he change the locks
if he gave me a section 21 notice"). Said with a denial ("I never had any notice",
"żadnego court order", "kono notice pai nai"), the same words say there was no legal
process: what makes a lock-out unlawful. The twelfth blind set missed five such messages
in five languages. Such a message is now read by the classifier like any other.
"""
from __future__ import annotations

import pytest

from safety.assessment import ORDINARY, detector


@pytest.mark.parametrize("language, text", [
    ("en", "agent says his men will change the locks tomorrow morning and i never had any notice"),
    ("pl", "jutro rano przyjda zmienic zamki, nie dostalam zadnego wypowiedzenia ani court order"),
])
def test_a_denied_legal_term_explains_nothing(language, text):
    reading = detector().read(text, language)
    assert "legal" not in reading.explained and reading.score is not None
    assert detector().assess(text, language).outcome != ORDINARY


@pytest.mark.parametrize("language, text", [
    ("en", "can my landlord change the locks if he gave me a section 21 notice"),
    ("pl", "czy landlord moze zmienic zamki jak dal mi section 21 notice"),
])
def test_a_legal_term_asked_about_still_explains(language, text):
    reading = detector().read(text, language)
    assert "legal" in reading.explained
    assert detector().assess(text, language).outcome == ORDINARY


def test_passed_away_is_set_aside_before_hitting_is_looked_for():
    """Bengali "মারা গেছেন" (has passed away) holds "মারা" (hit): a fixture now, like
    "fire door" in English, so a widow asking about the tenancy gets her answer."""
    assert detector().assess("স্বামী মারা গেছেন, টেন্যান্সি কি আমার নামে হবে", "bn").outcome \
        == ORDINARY
    assert detector().assess("স্বামী মারে, আমি ভয় পাচ্ছি", "bn").outcome != ORDINARY
