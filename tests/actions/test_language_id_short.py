"""Short messages (greetings, thanks, yes/no, 'help') in every language and script are
answered in that language from the first message (issue 15, item 6).

The messages here are this file's own, written for it; the held-out first-message sets
(tests/data/language_id/first_messages_fourth/ and the spent sets before it) are
measured by `make eval` and never used here.
"""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.language import Decision, decide, understand_language
from actions.language_id import (Identification, first_message_choice, folded, identifier,
                                 is_first_message, short_words, words_in)
from rasa_sdk.events import SlotSet

SHORT = {
    "en": ["hi there", "hiya", "thanks a lot", "cheers mate", "yes please", "nope",
           "bye for now", "good evening"],
    "pl": ["dzień dobry", "dzien dobry panstwu", "dziękuję bardzo", "dzieki", "tak, proszę",
           "nie dziekuje", "do widzenia", "potrzebuję pomocy"],
    "ro": ["bună ziua", "buna seara", "mulțumesc frumos", "multumesc mult", "da, vă rog",
           "nu, mersi", "la revedere", "am nevoie de ajutor"],
    "so": ["salaan", "salaan walaal", "mahadsanid", "haa fadlan", "maya",
           "nabadgelyo walaal", "subax wanaagsan", "i caawi fadlan"],
    "ar": ["السلام عليكم", "مرحبا", "شكرا جزيلا", "نعم من فضلك", "لا شكرا", "مع السلامة",
           "marhaban ya akhi", "shukran ya ukhti", "na3am akeed", "sabah el kheir"],
    "ur": ["السلام علیکم", "شکریہ", "جی ہاں", "نہیں جی", "خدا حافظ", "assalam o alaikum ji",
           "bohat shukriya", "khuda hafiz"],
    "pa": ["ਸਤ ਸ੍ਰੀ ਅਕਾਲ", "ਧੰਨਵਾਦ ਜੀ", "ਹਾਂ ਜੀ", "ਨਹੀਂ", "sat sri akal ji",
           "tuhada dhanvaad", "haanji paaji"],
    "bn": ["আসসালামু আলাইকুম", "ধন্যবাদ", "হ্যাঁ", "না", "nomoshkar", "dhonnobad apnake",
           "kemon achen"],
}


@pytest.fixture(scope="module")
def detector():
    return identifier()


@pytest.mark.parametrize("language, text", [(lang, t) for lang, texts in SHORT.items()
                                            for t in texts])
def test_short_messages_are_identified_in_every_language(detector, language, text):
    assert detector.identify(text).language == language


def test_shahmukhi_words_are_recognised_as_punjabi(detector):
    found = detector.identify("تسی کیہ حال اے")
    assert (found.language, found.shahmukhi) == ("pa", True)


def test_arabic_in_latin_letters_is_known_by_its_digits(detector):
    # Neither word is in the lists: the digits standing for letters say Arabic.
    assert detector.identify("ana bd7ath 3an sakan").language == "ar"


def test_a_postcode_is_not_taken_for_arabic_letters():
    words = short_words()
    assert "wv3" not in words["ar"]
    assert words_in("B1 1BB") == ["b1", "1bb"]  # read as words, matched by no language


@pytest.mark.parametrize("text, expected", [
    ("hellooo", "hello"), ("THANKS!!!", "thanks!!!"), ("Saalaam", "saalaam"),
])
def test_letters_typed_three_times_count_once(text, expected):
    assert folded(text) == expected


def test_words_keep_apostrophes_and_arabic_digits_but_drop_numbers():
    assert words_in("guri la'aan, 2 caruur") == ["guri", "la'aan", "caruur"]
    assert words_in("na3am 100%") == ["na3am", "100%"]


def test_the_word_lists_are_lower_case_and_cover_every_language():
    words = short_words()
    assert set(words) == {"en", "pl", "ro", "so", "ar", "ur", "pa", "bn", "pa-shahmukhi"}
    assert all(w == w.casefold() for ws in words.values() for w in ws)
    # English housing words are mixed into every language: they must not say English.
    assert not {"help", "house", "council"} & words["en"]


# -- the first message sets the language ------------------------------------------------------
def sure(language, confidence=0.95, runner_up=None, shahmukhi=False, its_score=0.3):
    alternatives = ((runner_up, its_score),) if runner_up else ()
    return Identification(language, confidence, "latin", shahmukhi, alternatives)


def test_a_sure_first_message_is_answered_in_its_language_without_a_question():
    assert first_message_choice(sure("so")) == ("so", None, False)


def test_an_unsure_first_message_is_answered_in_the_best_guess_and_the_switch_offered():
    assert first_message_choice(sure("so", 0.55, "en")) == ("so", "en", False)


def test_a_runner_up_the_message_hardly_resembles_is_not_offered():
    assert first_message_choice(sure("ar", 0.6, "ro", its_score=0.14)) == ("ar", None, False)


def test_shahmukhi_first_message_gets_punjabi_and_the_punjabi_or_urdu_question():
    assert first_message_choice(sure("pa", 0.7, "ur", shahmukhi=True)) == ("pa", None, True)
    assert first_message_choice(sure("ur", 0.55, "pa-shahmukhi")) == ("ur", None, True)
    # Urdu that only faintly resembles Shahmukhi is not asked about it.
    assert first_message_choice(sure("ur", 0.76, "pa-shahmukhi", its_score=0.2)) == (
        "ur", None, False)
    # Arabic that looks a little like Shahmukhi: answered in Arabic, nothing to offer.
    assert first_message_choice(sure("ar", 0.55, "pa-shahmukhi")) == ("ar", None, False)


@pytest.mark.parametrize("text, language", [("salaan", "so"), ("thx", "en"), ("tak", "pl"),
                                            ("shukran", "ar"), ("ধন্যবাদ", "bn")])
def test_decide_lets_a_short_first_message_set_the_language(text, language):
    found = sure(language, 0.9)
    assert decide("en", False, text, None, found, first=True) == Decision(language, False)
    # Later in the conversation the same short message never switches (rule 2).
    assert decide("ur", False, text, None, found) == Decision("ur", False)


def test_a_chosen_or_locked_language_still_wins_on_the_first_message():
    assert decide("en", False, "salaan", "ur", sure("so"), first=True) == Decision("ur", True)
    assert decide("pl", True, "salaan", None, sure("so"), first=True) == Decision("pl", True)


def test_only_the_first_user_event_is_the_first_message():
    user = {"event": "user", "text": "salaan"}
    assert is_first_message([{"event": "action", "name": "action_session_start"}, user])
    assert not is_first_message([user, {"event": "bot"}, user])
    assert not is_first_message([])


def tracker(text: str, events: list[dict]) -> Tracker:
    return Tracker.from_dict({
        "sender_id": "first", "slots": {"language": "en", "language_locked": False,
                                        "language_offered": None, "language_question": None},
        "latest_message": {"text": text, "intent": {"name": "greet", "confidence": 0.9},
                           "entities": []},
        "events": events, "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen"})


@pytest.mark.parametrize("text, language", [
    ("salaan", "so"), ("cześć", "pl"), ("buna ziua", "ro"), ("مرحبا", "ar"),
    ("شکریہ جی", "ur"), ("ਸਤ ਸ੍ਰੀ ਅਕਾਲ", "pa"), ("ধন্যবাদ", "bn"), ("hiya", "en"),
])
def test_first_short_message_sets_the_language_slot(text, language):
    events = understand_language(tracker(text, [{"event": "user", "text": text}]))
    slots = {e["name"]: e["value"] for e in events}
    assert slots.get("language", "en") == language
    assert slots.get("language_locked") is None  # detected, not chosen: can still change


def test_a_later_short_message_does_not_switch_the_language():
    events = [{"event": "user", "text": "hello"}, {"event": "bot", "text": "Hello"},
              {"event": "user", "text": "salaan"}]
    assert understand_language(tracker("salaan", events)) == [
        SlotSet("language_question", None)]
