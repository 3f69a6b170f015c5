"""Said laughing, danger words are asked about, not answered with 999 (round 10, ADR
0009): "I could strangle my brother, he lost the tenancy agreement 😅". A laugh caps the
outcome at the safety check; a classifier that is only uneasy is answered as ordinary
(round 12); crying is no laugh. Examples written for
this test, worded apart from every evaluation set."""
from __future__ import annotations

import pytest

from safety.assessment import LAUGHTER, Reading, assess, decide

LAUGHING = [
    ("en", "my sister lost the tenancy agreement, honestly I will strangle her 😂 how do I get a copy"),
    ("ur", "بیٹے نے چابی گم کر دی، اسے مار ڈالوں گا 😅 نئی چابی کون دے گا"),
    ("ar", "ابني ضيع عقد الإيجار، رح اقتله ههههه كيف آخذ نسخة"),
    ("pl", "brat zgubil umowe najmu, zabije go hahaha skad wziac kopie"),
    ("ro", "frate-miu a pierdut contractul, il omor 😂 de unde iau o copie"),
]


@pytest.mark.parametrize("language,text", LAUGHING)
def test_danger_words_said_laughing_get_the_check_at_most(language: str, text: str) -> None:
    assert assess(text, language).outcome in ("concern", "ordinary")


@pytest.mark.parametrize("text", ["he hits me every night and I'm scared 😭",
                                  "I want to end my life tonight 😩"])
def test_crying_is_not_laughing(text: str) -> None:
    assert not LAUGHTER.search(text)
    assert assess(text, "en").outcome == "danger"


def test_laughter_is_a_laugh_not_letters_inside_a_word() -> None:
    for laugh in ("hahaha", "lol", "😂", "ههههه", "jajaja", "xD", "😅"):
        assert LAUGHTER.search(f"the form is killing me {laugh}"), laugh
    for word in ("lolly", "hahn", "Jaja's house", "xdrive", "shahana"):
        assert not LAUGHTER.search(word), word


LIMITS = {"danger": 0.7, "concern": 0.4}


@pytest.mark.parametrize("score,laughing,outcome", [
    (0.5, False, "concern"),   # the classifier uneasy: the check
    (0.5, True, "ordinary"),   # uneasy, and the resident laughs: answered (round 12)
    (0.8, False, "danger"),
    (0.8, True, "concern"),    # sure of danger, said laughing: asked, never silence
    (0.2, True, "ordinary"),
])
def test_a_laugh_lowers_the_classifiers_outcome_by_one_step(score: float, laughing: bool,
                                                            outcome: str) -> None:
    """Only the classifier's reading is lowered: in the 6,474 crisis messages the detector
    learns from none laughs, in 104 of 12,587 ordinary ones the resident does."""
    reading = Reading(None, score=score, category="suicidal", laughing=laughing)
    assert decide(reading, LIMITS).outcome == outcome


def test_a_danger_phrase_said_laughing_still_gets_the_check() -> None:
    reading = Reading(None, score=0.3, phrase_danger=("suicidal",), laughing=True)
    assert decide(reading, LIMITS).outcome == "concern"


def test_a_concern_phrase_said_laughing_still_gets_the_check() -> None:
    reading = Reading(None, concern=("homeless_tonight",), score=0.1, laughing=True)
    assert decide(reading, LIMITS).outcome == "concern"


def test_the_skull_is_a_laugh() -> None:
    assert LAUGHTER.search("they offered me a flat next to my ex 💀")
