"""Round 6 of the crisis detector (ADR 0009, issue 14): a resident who says it is not an
emergency, that nobody is hurt, or that there is no violence, is asking about a repair or
a move. The negation is found, so the classifier (which reads letters, not sense) is not
asked to guess against it. Examples written for these tests, not copied from any set."""
from __future__ import annotations

import pytest

from safety.assessment import Detector


NOT_AN_EMERGENCY = [
    ("en", "this is not urgent, the bathroom fan is broken"),
    ("en", "nobody got hurt but the ceiling came down in the hall"),
    ("pa", "koi emergency nahi, boiler di awaaz aundi aa"),
    ("ur", "koi emergency nahi hai, khidki ka sheesha toota hai"),
    ("bn", "emergency na, shudhu jaanala bhanga"),
    ("pl", "to nie jest nagly wypadek, tylko okno sie nie domyka"),
    ("pl", "nikt nie jest ranny, spadl kawalek tynku"),
    ("ro", "nu este o urgenta, doar geamul nu se inchide"),
    ("so", "degdeg maaha, daaqadda ayaa jaban"),
    ("so", "qofna ma dhaawacmin, saqafka ayaa biyo ka da'aya"),
    ("ar", "مو طارئ، بس الشباك مكسور"),
]


@pytest.mark.parametrize("language,text", NOT_AN_EMERGENCY)
def test_not_an_emergency_is_read_as_a_negation(patterns_only: Detector, language: str,
                                                text: str) -> None:
    assert "negation" in patterns_only.read(text, language).explained
