"""Asking for a home is not a crisis (issue 14): "I need a house", the shortest and
commonest first message, got "Are you safe right now?" and the domestic abuse answer in
English, and the numbers first in Shahmukhi Punjabi, because the classifier had met such
short words mostly in crisis messages. The applying family now has them in every language
and script (data/nlu/<lang>/situations.yml), which the classifier reads as ordinary.
Examples written for this test, worded apart from the training lines."""
from __future__ import annotations

import pytest

from safety.assessment import assess

ASKING_FOR_A_HOME = [
    ("en", "i need a house please"), ("en", "we need a council house"),
    ("en", "looking for a house for my family"),
    ("ur", "mujhe ek ghar chahiye"), ("ur", "مجھے ایک گھر چاہیے"),
    ("pa", "ਮੈਨੂੰ ਇੱਕ ਘਰ ਚਾਹੀਦਾ"), ("pa", "مینوں اک گھر چاہیدا اے"), ("pa", "menu ik ghar chahida"),
    ("bn", "আমার একটা বাড়ি দরকার"), ("bn", "amar ekta bari dorkar"),
    ("pl", "potrzebuję mieszkania dla rodziny"), ("pl", "szukam mieszkania z councilu"),
    ("ar", "أحتاج بيت للعائلة"), ("ar", "me7taj bait"),
    ("so", "guri ayaan u baahanahay fadlan"),
    ("ro", "am nevoie de o casa pentru familie"), ("ro", "caut o casa de la consiliu"),
]


@pytest.mark.parametrize("language,text", ASKING_FOR_A_HOME)
def test_asking_for_a_home_is_answered_without_a_safety_check(language: str, text: str) -> None:
    assert assess(text, language).outcome == "ordinary"
