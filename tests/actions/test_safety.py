"""Crisis escalation: checked on every message, answered first, in the resident's language."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk.events import SlotSet

from actions.phrasebook import Phrasebook
from actions.every_message import ActionValidateSlotMappings
from actions.safety import CATEGORIES, CrisisDetector, check_safety, load_lexicons, words_of
from tests.actions.conftest import make_tracker, said

NUMBERS = {"emergency": "999", "helpline": "0808 2000 247", "streetlink": "0300 500 0914",
           "samaritans": "116 123"}
CRISIS_SETS = sorted((Path(__file__).resolve().parents[1] / "data" / "crisis").glob("*.yml"))


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def test_words_are_folded_and_split():
    assert words_of("Nie mogę SPAĆ, he won’t let me") == [
        "nie", "moge", "spac", "he", "won", "t", "let", "me"]


def test_phrases_match_whole_words_and_open_endings():
    detector = CrisisDetector({"en": {"suicidal": ["kill myself", "end it all"],
                                      "domestic_abuse": ["beat*", "won't let me leave"]}})
    assert detector.categories("I want to END IT ALL") == ["suicidal"]
    assert detector.categories("he beats me") == ["domestic_abuse"]
    assert detector.categories("he wont let me leave") == []  # words, not letters
    assert detector.categories("he won’t let me leave") == ["domestic_abuse"]
    assert detector.categories("the heartbeat monitor") == []
    assert detector.categories("") == []


def test_every_language_has_a_phrase_list_for_every_category():
    lexicons = load_lexicons()
    assert set(lexicons) == {"en", "ur", "pa", "bn", "pl", "ar", "so", "ro"}
    for language, categories in lexicons.items():
        for category in CATEGORIES:
            assert len(categories.get(category, [])) >= 10, (language, category)


def test_every_message_is_checked_and_the_finding_recorded(dispatcher, domain):
    tracker = make_tracker("domestic_abuse_housing", "my husband hits me and I'm scared")
    events = check_safety(tracker)
    assert events == [SlotSet("crisis", "domestic_abuse"), SlotSet("crisis_also", None)]
    calm = make_tracker("how_bidding_works", "how does bidding work in dudley")
    assert check_safety(calm) == [
        SlotSet("crisis", None), SlotSet("crisis_also", None)]
    button = make_tracker("inform_council", '/inform_council{"council":"dudley"}')
    assert check_safety(button)[0] == SlotSet("crisis", None)
    assert said(dispatcher) == []  # the reply is sent by action_validate_slot_mappings


def test_domestic_abuse_gets_999_and_the_helpline_first(dispatcher, domain):
    tracker = make_tracker("domestic_abuse_housing", "my husband hits me and I'm scared",
                           council="sandwell", crisis="domestic_abuse")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    # The crisis check runs first, so no other check can stop it (issue 11, finding 7).
    assert events == [SlotSet("crisis", "domestic_abuse"), SlotSet("crisis_also", None),
                      SlotSet("language_question", None)]
    phrases = Phrasebook(domain, "en")
    texts = [t for t, _ in said(dispatcher)]
    assert texts[0] == phrases.text("utter_crisis_domestic_abuse", **NUMBERS)
    assert "999" in texts[0] and "0808 2000 247" in texts[0]
    assert texts[1] == phrases.text("utter_crisis_offer_person")
    assert texts[2].startswith("Here is how to contact Sandwell")
    assert said(dispatcher)[3] == (phrases.text("utter_talk_to_person_button"),
                                   ["Talk to a person"])


@pytest.mark.parametrize("text", ["07700 900456", "amina.k@example.org", "tomorrow please",
                                  "call me on 07700 900456 tomorrow", "kal subah", "jutro rano",
                                  "B21 9ZZ", "Dudley", "WV1"])
def test_callback_answers_and_contact_details_are_not_a_crisis(dispatcher, domain, text):
    tracker = make_tracker("inform_callback", text)
    assert check_safety(tracker)[0] == SlotSet("crisis", None)


def test_a_crisis_next_to_a_phone_number_is_still_a_crisis(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "he is going to kill me, my number is 07700 900456")
    assert check_safety(tracker)[0] == SlotSet("crisis", "immediate_danger")


def test_without_a_council_the_person_offer_asks_for_it(dispatcher, domain):
    tracker = make_tracker("homeless_tonight", "I'm sleeping in my car with the kids tonight",
                           crisis="homeless_tonight")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert events[-1] == SlotSet("pending_question", "contact_council")
    assert SlotSet("crisis", "homeless_tonight") in events
    (first, _), (offer, buttons) = said(dispatcher)
    assert "0300 500 0914" in first
    assert len(buttons) == 7


def test_nothing_is_said_when_there_is_no_crisis(dispatcher, domain):
    events = run(ActionValidateSlotMappings(), dispatcher, make_tracker("x", "hello"), domain)
    assert events == [SlotSet("language_question", None), SlotSet("crisis", None),
                      SlotSet("crisis_also", None)]
    assert said(dispatcher) == []


def test_the_reply_is_in_the_residents_language(dispatcher, domain):
    tracker = make_tracker("x", "Mój mąż mnie bije i boję się wrócić do domu", language="pl",
                           crisis="domestic_abuse")
    run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert said(dispatcher)[0][0] == Phrasebook(domain, "pl").text(
        "utter_crisis_domestic_abuse", **NUMBERS)


@pytest.mark.parametrize("path", CRISIS_SETS, ids=[p.stem for p in CRISIS_SETS])
def test_crisis_recall_and_false_alarms(path):
    """Held-out labelled messages (never used to write the phrase lists).
    `python -m ops.evaluate crisis` prints the figures and lists every miss."""
    from actions.safety import detector

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    crisis = [item["text"] for item in data["crisis"]]
    calm = [i["text"] if isinstance(i, dict) else str(i) for i in data["not_crisis"]]
    recall = sum(bool(detector().categories(t)) for t in crisis) / len(crisis)
    false_alarms = sum(bool(detector().categories(t)) for t in calm) / len(calm)
    assert len(crisis) >= 40
    assert recall >= RECALL_FLOOR, f"{path.stem}: recall {recall:.2f}"
    assert false_alarms <= FALSE_ALARM_CEILING, f"{path.stem}: false alarms {false_alarms:.2f}"


# Regression guards just below the figures measured when this was written (lowest recall
# 0.74 for Somali, highest false-alarm rate 0.30 for Romanian). The target is every
# crisis message escalated: `python -m ops.evaluate crisis` lists each miss.
RECALL_FLOOR = 0.7
FALSE_ALARM_CEILING = 0.35


@pytest.mark.parametrize("path", CRISIS_SETS, ids=[p.stem for p in CRISIS_SETS])
def test_the_phrase_index_finds_what_trying_every_phrase_finds(path):
    """PhraseIndex is only a faster way to run Phrase.found_in over every phrase."""
    from actions.safety import detector

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = [i["text"] if isinstance(i, dict) else str(i)
             for i in data["crisis"] + data["not_crisis"]]
    phrases = detector().phrases
    for text in texts + ["he beats me", "the heartbeat monitor", "beat"]:
        words = words_of(text)
        every_phrase = {c for c in CATEGORIES if any(p.found_in(words) for p in phrases[c])}
        assert detector().index.categories_in(words) == every_phrase, text
