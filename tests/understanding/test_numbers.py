"""Numbers as residents write them: every digit script and every language's words."""
from __future__ import annotations

import pytest

from understanding.numbers import LANGUAGES, digits_value, number_words
from understanding.patterns import LanguagePatterns

SCRIPTS = {
    "ASCII": "0123456789",
    "Arabic-Indic": "٠١٢٣٤٥٦٧٨٩",
    "Extended Arabic-Indic (Urdu, Shahmukhi)": "۰۱۲۳۴۵۶۷۸۹",
    "Bengali": "০১২৩৪৫৬৭৮৯",
    "Gurmukhi": "੦੧੨੩੪੫੬੭੮੯",
}


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_digit_in_every_script(script):
    digits = SCRIPTS[script]
    assert [digits_value(d) for d in digits] == list(range(10))
    assert digits_value(digits[1] + digits[2]) == 12
    assert digits_value(digits[1] + digits[5]) == 15


def test_what_is_not_a_count():
    assert digits_value("") is None
    assert digits_value("0121") is None  # a phone number's start, not a household
    assert digits_value("750") is None  # beyond any household, age or home
    assert digits_value("7a") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_words_for_one_to_twenty(language):
    assert set(range(1, 21)) <= set(number_words(language).words.values())


@pytest.mark.parametrize("language,spellings", [
    ("en", {"seven": 7, "Twelve": 12, "fifteen": 15}),
    ("pl", {"siedmioro": 7, "pięcioro": 5, "piecioro": 5, "dwanaście": 12, "dwanascie": 12}),
    ("ro", {"șapte": 7, "sapte": 7, "şapte": 7, "două": 2, "doua": 2, "doisprezece": 12}),
    ("so", {"toddoba": 7, "laba": 2, "labaatan": 20, "laba iyo toban": 12}),
    ("ar", {"سبعة": 7, "أربعة": 4, "اربعة": 4, "ثلاثة عشر": 13, "وخمسة": 5}),
    ("ur", {"سات": 7, "بارہ": 12, "بارة": 12, "saat": 7, "barah": 12, "do": 2}),
    ("pa", {"ਸੱਤ": 7, "ਬਾਰਾਂ": 12, "ست": 7, "satt": 7, "panj": 5}),
    ("bn", {"সাত": 7, "বারো": 12, "ছয়": 6, "sat": 7, "baro": 12}),
])
def test_number_words(language, spellings):
    words = number_words(language)
    assert {w: words.value(w) for w in spellings} == spellings


@pytest.mark.parametrize("language,word,expected", [
    ("pl", "pięcioosobowa", (5, "person")),
    ("pl", "czteroosobowej", (4, "person")),
    ("pl", "dwupokojowe", (2, "room")),
    ("bn", "সাতজন", (7, "person")),
    ("bn", "দুজন", (2, "person")),
    ("bn", "চারটা", (4, "count")),
])
def test_numbers_with_their_noun_glued_on(language, word, expected):
    patterns = LanguagePatterns(language)
    assert patterns.numbers.glued(word, patterns.glued) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_patterns_pass_spacys_schema(language):
    """Start-up skips spaCy's pattern check for speed; here every pattern is checked."""
    LanguagePatterns(language, validate=True)
