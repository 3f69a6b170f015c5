"""The crisis detector's token patterns read like a caseworker (safety/): negation,
hyperbole, legal terms, third parties, medical words in a housing context and place
names change what a danger phrase means. Built from the shipped content without the
classifier, so each test shows what the patterns alone decide."""
from __future__ import annotations

import subprocess
import sys

import pytest

from safety.assessment import CONCERN, DANGER, ORDINARY, Detector
from safety.content import LanguageContent
from safety.matching import token_patterns
from safety.words import words_of
from tests.conftest import ROOT


def outcome(detector: Detector, text: str, language: str) -> str:
    return detector.assess(text, language).outcome


def test_words_are_folded_and_split():
    assert words_of("Nie mogę SPAĆ, he won’t let me") == [
        "nie", "moge", "spac", "he", "won", "t", "let", "me"]
    assert words_of("I want to die\ud800") == ["i", "want", "to", "die"]  # a lone surrogate
    assert words_of("والمفتاح ما عاد") == ["المفتاح", "ما", "عاد"]  # "and the key"


def test_pattern_syntax_gaps_endings_and_alternatives():
    assert token_patterns("beat*") == [[{"ORTH": {"REGEX": "^(?:beat)"}}]]
    assert token_patterns("landlord ... lock*") == [
        [{"ORTH": "landlord"}, {"OP": "?"}, {"OP": "?"}, {"OP": "?"},
         {"ORTH": {"REGEX": "^(?:lock)"}}]]
    assert token_patterns("hurt*|harm") == [[{"ORTH": {"REGEX": "^(?:hurt|harm$)"}}]]
    assert token_patterns("alone|on_his_own") == [
        [{"ORTH": "alone"}], [{"ORTH": "on"}, {"ORTH": "his"}, {"ORTH": "own"}]]


def test_phrases_match_whole_words_words_in_between_and_endings():
    content = {"en": LanguageContent("en", {"domestic_abuse": ["beat*", "won't let me leave"],
                                            "illegal_eviction": ["landlord ... changed ... locks"]})}
    detector = Detector(content)
    assert detector.assess("he beats me").categories == ("domestic_abuse",)
    assert detector.assess("he won’t let me leave").outcome == DANGER
    assert detector.assess("he wont let me leave").outcome == ORDINARY  # words, not letters
    assert detector.assess("the heartbeat monitor").outcome == ORDINARY
    assert detector.assess("my landlord has just changed all the locks").outcome == DANGER
    assert detector.assess("").outcome == ORDINARY


@pytest.mark.parametrize("language, text", [
    ("en", "I'm not in danger, I just want to move closer to my mum"),
    ("en", "no one is hurting me, i just cant afford the rent"),
    ("ur", "میں خطرے میں نہیں ہوں، بس امی کے قریب جانا چاہتی ہوں"),
    ("pl", "nie jestem w niebezpieczenstwie, chce tylko mieszkac blizej mamy"),
    ("ro", "nu e violenta domestica, doar ne-am despartit"),
    ("ar", "مش عنف اسري، بس انفصلنا وبدي بيت لحالي"),
])
def test_negation_is_not_danger(patterns_only, language, text):
    assert outcome(patterns_only, text, language) == ORDINARY


@pytest.mark.parametrize("language, text", [
    ("en", "I'm in danger, he is outside"), ("ur", "میں خطرے میں ہوں"),
    ("pl", "jestem w niebezpieczeństwie"), ("ar", "زوجي يضربني")])
def test_without_the_negation_the_same_words_are_danger(patterns_only, language, text):
    assert outcome(patterns_only, text, language) == DANGER


@pytest.mark.parametrize("language, text", [
    ("en", "this tiny flat is killing me"), ("en", "the bus to work kills me every morning"),
    ("pl", "dojazd do pracy mnie zabija"), ("ro", "apartamentul asta mic ma omoara"),
    ("ur", "یہ چھوٹا سا فلیٹ مجھے مار رہا ہے")])
def test_hyperbole_is_not_danger(patterns_only, language, text):
    assert outcome(patterns_only, text, language) == ORDINARY


def test_hyperbole_with_someone_doing_it_is_danger(patterns_only):
    assert outcome(patterns_only, "he is killing me", "en") == DANGER


@pytest.mark.parametrize("language, text", [
    ("en", "how do I challenge an intentionally homeless decision"),
    ("ur", "کونسل نے کہا جان بوجھ کر بے گھر ہوئے، اس فیصلے کو کیسے چیلنج کریں"),
    ("ar", "البلدية قالت اني مشرد بشكل متعمد، فيني اطلب مراجعة"),
    ("pl", "rada mowi ze jestem celowo bezdomny, czy moge prosic o review")])
def test_legal_terms_are_questions_about_the_law(patterns_only, language, text):
    assert outcome(patterns_only, text, language) == ORDINARY


def test_legal_terms_do_not_hide_tonight_or_a_lock_out_without_papers(patterns_only):
    assert outcome(patterns_only, "got a section 21 and nowhere to sleep tonight", "en") == DANGER
    assert outcome(patterns_only, "landlord threw us out no court papers nothing", "en") == DANGER


@pytest.mark.parametrize("language, text", [
    ("en", "there's a man sleeping rough near our shop who do I tell"),
    ("pl", "przy naszym sklepie śpi na ulicy jakiś mężczyzna komu to zgłosić"),
    ("so", "nin ayaa waddada ku seexda dukaankayaga agtiisa yaan u sheegaa"),
    ("ar", "في رجال نايم بالشارع جنب محلنا لمين بخبر")])
def test_someone_else_sleeping_rough_is_a_streetlink_report(patterns_only, language, text):
    assert outcome(patterns_only, text, language) == ORDINARY


def test_a_child_sleeping_rough_is_still_danger(patterns_only):
    assert outcome(patterns_only, "theres a lad about 15 sleeping rough outside our flats",
                   "en") == DANGER


@pytest.mark.parametrize("language, text", [
    ("en", "black mould in the kids room and my son keeps coughing"),
    ("pl", "czarny grzyb w pokoju dzieci i syn ciągle kaszle"),
    ("bn", "বাচ্চাদের রুমে কালো ছত্রাক আর ছেলে সারাক্ষণ কাশে")])
def test_medical_words_in_a_housing_question_are_not_danger(patterns_only, language, text):
    assert outcome(patterns_only, text, language) == ORDINARY


@pytest.mark.parametrize("text", ["I live in Coventry", "Sandwell", "im in handsworth",
                                  "my postcode is WV10 0AB", "B21 9AA", "hello", "help",
                                  "no thanks", "Walsall council", "hello, I need help please"])
def test_places_postcodes_greetings_and_single_words_are_never_flagged(patterns_only, text):
    assert outcome(patterns_only, text, "en") == ORDINARY


def test_a_one_word_phrase_counts_only_in_its_own_language(patterns_only):
    """Banglish "mare" (hits) is Romanian "mare" (big)."""
    assert outcome(patterns_only, "vrem o casa mai mare", "ro") == ORDINARY
    assert outcome(patterns_only, "amar husband amake mare", "bn") == DANGER


def test_a_possible_sign_is_a_concern(patterns_only):
    assert outcome(patterns_only, "I'm scared, what should I do about the flat", "en") == CONCERN


def test_the_detector_needs_no_rasa():
    """Issue 12: the detector and its evaluation import nothing from Rasa."""
    code = ("import sys, safety, ops.evaluation.crisis; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rasa', 'rasa_sdk')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, env={"PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
