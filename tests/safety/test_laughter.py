"""Said laughing, danger words are asked about, not answered with 999 (round 10, ADR
0009): "I could strangle my brother, he lost the tenancy agreement 😅". A laugh caps the
outcome at the safety check, never lower, and crying is no laugh. Examples written for
this test, worded apart from every evaluation set."""
from __future__ import annotations

import pytest

from safety.assessment import LAUGHTER, assess

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
