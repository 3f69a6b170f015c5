"""Round 7 of the crisis detector (ADR 0009, issue 14): families the sixth set showed weak,
written generally in every language where they apply.

- Hyperbole with a person inside the figure of speech ("my wife will kill me if we don't
  get a garden"): the person is part of the joke, not someone doing it; a real threat with
  the same person ("my husband will kill me if I leave") still gets the numbers.
- Denials said the way residents say them ("I don't need a refuge", "maz mnie nie
  krzywdzi", "koi nahi maarta"): an ordinary question, not 999.
- A negation borrowed from another danger phrase ("nie mam gdzie spac, jestem bezdomna"):
  still danger.
- Lock-outs now (belongings carried to a van, minutes to pack), a child locked in or
  dragged away, suicidal words said indirectly: the numbers.
Examples written for these tests, not copied from any set. Built without the classifier,
so each shows what the rules and content decide."""
from __future__ import annotations

import pytest

from safety.assessment import DANGER, ORDINARY, Detector

DANGER_NOW = [
    ("en", "my husband will kill me if I leave him, he said so again tonight"),
    ("en", "the landlord and his men are loading our furniture into a lorry"),
    ("en", "the agent says I have ten minutes to pack my things and go"),
    ("en", "there is a rope ready in the garage, I can't do this any more"),
    ("pl", "nie mam gdzie dzis spac, jestem bezdomna od rana"),
    ("pl", "wlasciciel dal nam 15 minut na spakowanie i wynosi meble"),
    ("pl", "synek wypil plyn z butelki po domestosie"),
    ("ur", "mera saman van mein daal rahe hain, samaan bandh ke nikalne ka 5 minute diya"),
    ("ur", "main zinda nahi rahungi agar unhon ne phir maara"),
    ("pa", "main duniya ton chala jana, hor nahi sehna"),
    ("bn", "landlord er lok jinish van e tulche ekhon"),
    ("so", "furihii ayay iga qaateen oo alaabtii waddada ku tuureen"),
    ("so", "ninkaygu timaha ayuu iga jiiday xalay"),
    ("ar", "الجيران مسكرين على الولد بالغرفة من امبارح"),
    ("ar", "عطوني ربع ساعة تلملم أغراضك وتطلع"),
    ("ro", "mi-au dat 10 minute sa strang tot si sa plec"),
]

ORDINARY_QUESTIONS = [
    ("en", "my mum will kill me if I forget to post the form again"),
    ("en", "I don't want a refuge, I want a transfer nearer my job"),
    ("en", "he never laid a finger on me, we just need two flats now"),
    ("pl", "zona mnie zabije jak nie dostaniemy ogrodu"),
    ("pl", "nie potrzebujemy schroniska, tylko wiekszego mieszkania"),
    ("pl", "partner mnie nie bije, chcemy zamienic mieszkanie"),
    ("ur", "mujhe koi nahi maarta, sirf ghar chhota hai"),
    ("ur", "bijli ka bill dekh ke dil ka daura parte parte bacha"),
    ("pa", "koi nahi marda, bas kamre ghat ne"),
    ("bn", "ami atmohotta korbo na, shudhu bari ta boro chai"),
    ("bn", "এই ঠান্ডা আমাদের মেরে ফেলবে, হিটার কবে ঠিক হবে"),
    ("so", "is dil kuma fikirayo, kirada ayaa i haysata"),
    ("so", "refuge uma baahni, guri weyn ayaan rabaa"),
    ("so", "buuqa deriska wuu i dilay, xaggee laga cabanayaa"),
    ("ar", "محدش بيضربني، بدي بس بيت أوسع"),
    ("ar", "الانتظار بيطلع الروح، متى دوري"),
]


@pytest.mark.parametrize("language,text", DANGER_NOW)
def test_danger_families_get_the_numbers(patterns_only: Detector, language: str,
                                         text: str) -> None:
    assert patterns_only.assess(text, language).outcome == DANGER


@pytest.mark.parametrize("language,text", ORDINARY_QUESTIONS)
def test_hyperbole_and_denials_are_ordinary(patterns_only: Detector, language: str,
                                           text: str) -> None:
    assert patterns_only.assess(text, language).outcome == ORDINARY
