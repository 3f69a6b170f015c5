"""Things in a home named after a danger (round 12, ADR 0009): "the fire door won't shut",
"the knife drawer broke", "when is the gas safety check" are repairs. The fixture's words
are set aside before the danger patterns are looked for (content `context: fixture`), so
no danger phrase reads them; the danger said beside them still stands. Examples written
for this test, worded apart from every evaluation set."""
from __future__ import annotations

import pytest

from safety.assessment import DANGER, ORDINARY, assess, build_detector
from safety.words import words_of

FIXTURES = [
    ("en", "the fire door on the third floor landing has been wedged open for a month, who sorts it"),
    ("en", "our smoke detector fell off the ceiling, does the housing association replace it"),
    ("ur", "fire door band nahi hota, housing association ko kaise bataun"),
    ("so", "fire door-ka dabaqa labaad wuu jabay, yaa hagaajiya"),
    ("pl", "drzwi przeciwpożarowe na klatce się nie zamykają, kto to naprawia"),
    ("ro", "ușa antifoc de pe scară nu se închide, cine o repară"),
    ("ar", "باب الحريق بالبناية مكسور من شهر، مين لازم يصلحه"),
]


@pytest.mark.parametrize("language,text", FIXTURES)
def test_a_fixture_is_no_danger_phrase(language: str, text: str) -> None:
    detector = build_detector()
    found = detector._find(words_of(text), language)
    assert not [f for f in found if f.label.startswith("danger:")], found
    assert any(f.label == "context:fixture" for f in found)


@pytest.mark.parametrize("text", [
    "the fire door is on fire and the stairs are full of smoke, we cant get out",
    "theres a fire in the kitchen and the smoke alarm is going off, help",
])
def test_danger_beside_a_fixture_still_stands(text: str) -> None:
    assert assess(text, "en").outcome == DANGER


def test_help_me_inside_a_question_is_no_danger() -> None:
    """ "help me" was a danger phrase in five languages' content: "who can help me with my
    application" asked 999 of every language. It needs its urgency now ("help me now")."""
    assert assess("my landlord keeps making comments about my hijab, who can help me",
                  "en").outcome == ORDINARY
    assert assess("help me now he is at the door", "ur").outcome == DANGER


def test_the_end_of_a_month_is_no_farewell() -> None:
    """ "end ... it" allowed three words between: "the end of january is it too early"."""
    text = "my in laws told us to leave by the end of january, is it too early to go to the council"
    found = build_detector()._find(words_of(text), "en")
    assert not [f for f in found if f.label == "danger:suicidal"]
