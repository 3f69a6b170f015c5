"""Choosing the language: explicit choice wins, short messages never switch, unsure asks."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import SlotSet

from actions.language import (
    ActionChooseLanguage,
    Decision,
    decide,
    named_language,
    understand_language,
)
from actions.every_message import ActionValidateSlotMappings
from actions.phrasebook import Phrasebook
from knowledge.languages import LANGUAGES
from actions.language_id import Identification
from tests.actions.conftest import make_tracker, said


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def found(language, confidence, shahmukhi=False):
    return Identification(language, confidence, "latin", shahmukhi=shahmukhi)


@pytest.mark.parametrize("text, code", [
    ("speak urdu please", "ur"), ("اردو میں بات کریں", "ur"), ("po polsku", "pl"),
    ("can we talk in Punjabi", "pa"), ("বাংলায় বলুন", "bn"), ("af soomaali", "so"),
    ("limba romana", "ro"), ("بالعربي لو سمحت", "ar"), ("how do i apply", None),
])
def test_named_language(text, code):
    assert named_language(text) == code


def test_explicit_choice_wins_and_locks():
    assert decide("en", False, "speak urdu", "ur", None) == Decision("ur", True)


def test_locked_language_is_never_switched_by_detection():
    assert decide("pl", True, "how do I apply for a council house", None,
                  found("en", 0.99)) == Decision("pl", True)


@pytest.mark.parametrize("text", ["ok", "yes", "1", "🙂", "thanks!", "tak", "haan ji"])
def test_short_messages_never_switch(text):
    assert decide("ur", False, text, None, found("en", 0.99)) == Decision("ur", False)


def test_confident_identification_switches():
    assert decide("en", False, "potrzebuję mieszkania dla rodziny", None,
                  found("pl", 0.97)) == Decision("pl", False)


def test_unsure_identification_asks():
    assert decide("en", False, "mujhe ghar chahiye jaldi", None,
                  found("ur", 0.6)) == Decision("en", False, ask="ur")


def test_shahmukhi_is_confirmed_not_assumed():
    decision = decide("en", False, "مینوں گھر چاہیدا اے", None, found("pa", 0.9, True))
    assert decision == Decision("en", False, shahmukhi=True)


def test_button_choice_sets_and_locks_the_language(dispatcher, domain):
    tracker = make_tracker("choose_language", '/choose_language{"language":"ro"}',
                           entities=[{"entity": "language", "value": "ro"}], language="en",
                           language_locked=False)
    events = understand_language(tracker)
    assert events == [SlotSet("language_question", None), SlotSet("language", "ro"),
                      SlotSet("language_locked", True)]
    assert said(dispatcher) == []


def test_unsure_asks_once_with_buttons_in_both_languages(dispatcher, domain, monkeypatch):
    import actions.language as language

    class Unsure:
        def identify(self, _text):
            return Identification("so", 0.6, "latin")

    monkeypatch.setattr(language, "identifier", lambda: Unsure())
    tracker = make_tracker("apply_for_housing", "sidee loo codsadaa guri golaha",
                           language="en", language_locked=False)
    events = understand_language(tracker)
    assert events == [SlotSet("language_question", "so"), SlotSet("language_offered", "so")]
    asked = make_tracker("apply_for_housing", "sidee loo codsadaa guri golaha",
                         language="en", language_question="so")
    run(ActionValidateSlotMappings(), dispatcher, asked, domain)
    (_, buttons), = said(dispatcher)
    assert buttons == ["Soomaali", "English"]
    again = make_tracker("apply_for_housing", "sidee loo codsadaa guri golaha",
                         language="en", language_locked=False, language_offered="so")
    assert understand_language(again) == [
        SlotSet("language_question", None)]


def test_change_language_without_a_name_offers_the_menu(dispatcher, domain):
    tracker = make_tracker("choose_language", "change language", language="en")
    assert run(ActionChooseLanguage(), dispatcher, tracker, domain) == []
    (_, buttons), = said(dispatcher)
    assert buttons == ["English", "اردو", "ਪੰਜਾਬੀ", "বাংলা", "Polski", "العربية",
                       "Soomaali", "Română"]


@pytest.mark.parametrize("code", ["so", "ur", "pl", "en"])
def test_the_switch_names_the_language_in_both_columns(dispatcher, domain, code):
    """Issue 16 item 5: the English beside the switch message (worker mode, the adviser
    console) names the language chosen, not "the language you chose"."""
    tracker = make_tracker("choose_language", '/choose_language{"language":"%s"}' % code,
                           entities=[{"entity": "language", "value": code}], language=code)
    assert run(ActionChooseLanguage(), dispatcher, tracker, domain) == []
    (message,) = dispatcher.messages
    name = LANGUAGES[code]
    assert message["text"] != Phrasebook(domain, code).text("utter_language_chosen")
    assert name.own_name in message["text"]
    english = message.get("english") or message["text"]
    assert f"answer in {name.english_name}." in english
    assert "the language you chose" not in english
