"""Round 6 of the crisis detector (ADR 0009, issue 14): danger families the fifth blind
set showed missing, written generally in every language: a medical emergency inside a
housing message (someone not waking or breathing, turning blue, chest pain), a lock-out
or belongings thrown out without the words "locked out", and indirect suicidal goodbyes.
Each gets the numbers; the ordinary questions beside them (changing a lock yourself, a
landlord who does not answer) do not. Examples written for these tests, not copied from
any set. Built without the classifier, so each shows what the rules and content decide."""
from __future__ import annotations

import pytest

from safety.assessment import DANGER, Detector


DANGER_NOW = [
    ("en", "my dad is on the kitchen floor and wont wake up, the damp in here is awful"),
    ("en", "the landlord is throwing our belongings into the street while we are out"),
    ("en", "this is my last message, tell my sister I love her"),
    ("ur", "nani behosh ho gayi hain, ghar mein seelan bohat hai"),
    ("ur", "malik ne tala badal diya aur saman bahar phenk diya"),
    ("ur", "yeh mera aakhri message hai sab maaf kar dena"),
    ("pa", "bapu ji nu saah nahi aa reha, kamre ch ulli"),
    ("pa", "landlord ne tala badal ditta te saman bahar sutt ditta"),
    ("bn", "dadir gyan nai, ghore shetshete"),
    ("bn", "bariwala tala bodle diyeche, jinish baire fele diyeche"),
    ("bn", "eta amar shesh message, sobai maf kore dio"),
    ("pl", "babcia lezy na podlodze i nie odpowiada, winda zepsuta"),
    ("pl", "wlasciciel wynosi nasze rzeczy na ulice"),
    ("pl", "to moja ostatnia wiadomosc, przepraszam za wszystko"),
    ("ro", "bunicul a cazut pe scari si nu mai respira"),
    ("ro", "proprietarul a schimbat yala si ne-a aruncat lucrurile afara"),
    ("ro", "acesta e ultimul mesaj, adio tuturor"),
    ("so", "aabe ma neefsanayo, guriga qoyaan ayaa ka buuxa"),
    ("so", "landlord-ku alaabteyda dibadda ayuu dhigay, quful cusub ayuu geliyay"),
    ("ar", "جدتي ما عم تتنفس والبيت كله رطوبة"),
    ("ar", "صاحب البيت غير القفل وحط أغراضنا بالشارع"),
    ("ar", "هاي آخر رسالة، سامحوني"),
]

ORDINARY = [
    ("en", "can I change the lock on my council flat myself"),
    ("ur", "kya main council ghar ka tala khud badal sakti hun"),
    ("pa", "ki main council de ghar da tala aap badal sakdi haan"),
    ("pl", "housing association nie odpowiada na maile, gdzie sie poskarzyc"),
    ("ro", "proprietarul nu raspunde la telefon de o saptamana"),
    ("ar", "فيني غير قفل شقة الكاونسل بنفسي"),
]


@pytest.mark.parametrize("language,text", DANGER_NOW)
def test_danger_families_get_the_numbers(patterns_only: Detector, language: str,
                                         text: str) -> None:
    assert patterns_only.assess(text, language).outcome == DANGER


@pytest.mark.parametrize("language,text", ORDINARY)
def test_ordinary_questions_beside_them_do_not(patterns_only: Detector, language: str,
                                              text: str) -> None:
    assert patterns_only.assess(text, language).outcome != DANGER
