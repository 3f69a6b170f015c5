"""Round 4 of the crisis detector (ADR 0009): negation by word order, denied legal terms,
third parties sleeping rough, hyperbole about waiting, and the classifier asked when the
context explains nothing. Examples written for these tests, not copied from any set.
Built without the classifier, so each shows what the rules and patterns alone decide."""
from __future__ import annotations

import pytest

from safety.assessment import DANGER, ORDINARY, Detector
from safety.content import LanguageContent


def made_up(**context: list[str]) -> Detector:
    """A detector over a tiny made-up language, to show one rule at a time."""
    return Detector({"xx": LanguageContent(
        "xx", {"suicidal": ["selfharm"], "homeless_tonight": ["nowhere ... sleep ... nahi"],
               "illegal_eviction": ["lockout"]}, context=context)})


def test_a_denial_after_the_phrase_negates_it_as_urdu_word_order_puts_it():
    detector = made_up(negation_after=["wali ... baat ... nahi", "koi selfharm nahi"])
    assert detector.assess("selfharm wali koi baat nahi bas rent", "xx").outcome == ORDINARY
    assert detector.assess("koi selfharm nahi", "xx").outcome == ORDINARY  # around it
    assert detector.assess("selfharm karna hai", "xx").outcome == DANGER


def test_a_denial_in_another_clause_or_inside_the_phrase_negates_nothing():
    detector = made_up(negation_after=["koi ...1 nahi"], negation=["koi ...1 nahi"])
    # "selfharm, and nobody helps": the "nahi" is about the help, not the harm
    assert detector.assess("selfharm hai aur koi madad nahi", "xx").outcome == DANGER
    # the phrase's own "nahi" ("nowhere to sleep") is not a denial of it
    assert detector.assess("nowhere to sleep koi nahi", "xx").outcome == DANGER
    assert detector.assess("nowhere koi sleep nahi", "xx").outcome == DANGER


def test_a_denied_legal_term_explains_nothing():
    """"there was no court order" says the lock-out is unlawful, not a question of law."""
    detector = made_up(legal=["court"], negation=["no ... court"])
    assert detector.assess("lockout tomorrow court hearing", "xx").outcome == ORDINARY
    assert detector.assess("lockout and no court order at all", "xx").outcome == DANGER


@pytest.mark.parametrize("language, text", [
    ("ur", "khudkushi jaisa kuch nahi, bas rent ki tension hai"),
    ("pa", "khudkushi wali koi gal nai, bas kiraya bahut aa"),
    ("bn", "atmohotta er moto kichu na, shudhu bhara beshi"),
    ("so", "is dilid ma aha, kaliya kirada ayaa badan"),
    ("pl", "nie mam zadnych mysli samobojczych, tylko czynsz mnie przerasta"),
    ("ro", "nu ne ameninta proprietarul, doar vrea chiria mai mare"),
    ("en", "we're not sleeping on the streets, just sofa surfing at my aunt's"),
])
def test_denials_in_each_word_order_are_ordinary(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome == ORDINARY


@pytest.mark.parametrize("language, text", [
    ("ur", "mujhe khudkushi karni hai, koi madad nahi karta"),
    ("pa", "main khudkushi kar lavangi"),
    ("pl", "mam mysli samobojcze"),
    ("ro", "sotul striga ca ma omoara daca plec"),
])
def test_without_the_denial_the_same_words_still_count(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome != ORDINARY


@pytest.mark.parametrize("language, text", [
    ("ur", "bus stop pe ek beghar buzurg baithe hain, kisko phone karun"),
    ("pa", "mandir de kol ik beghar banda baitha, kisnu phone karan"),
    ("bn", "station er paashe ekjon gharhara mohila boshe ache, kake phone korbo"),
    ("so", "nin hoy la'aan ah ayaa masaajidka agtiisa jiifa, yaan la xiriiraa"),
    ("ro", "langa gara sta un barbat fara adapost, pe cine sun"),
    ("pl", "pod sklepem siedzi jakis bezdomny pan, do kogo zadzwonic"),
    ("ar", "في مشرد نايم جنب الجامع، مين بتصل"),
    ("en", "someones been sleeping in the doorway of the chemist, how can i get him help"),
])
def test_someone_else_sleeping_rough_is_a_streetlink_question(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome == ORDINARY


@pytest.mark.parametrize("language, text", [
    ("ur", "housing office ki line mein khade khade mar jaunga main"),
    ("pa", "council di udeek ch mar jaungi main"),
    ("so", "gurigan jaranjarka dheer wuu i dilayaa"),
])
def test_dying_of_waiting_is_hyperbole(patterns_only, language, text):
    assert patterns_only.assess(text, language).outcome == ORDINARY
