"""The crisis check's dialogue (actions/safety.py): checked on every message, answered
first, in the resident's language; three outcomes; an adviser alerted when present."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import SlotSet
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.every_message import ActionValidateSlotMappings
from actions.phrasebook import Phrasebook
from actions.safety import check_safety
from tests.actions.conftest import make_tracker, said

NUMBERS = {"emergency": "999", "helpline": "0808 2000 247", "streetlink": "0300 500 0914",
           "samaritans": "116 123"}
CALM = [SlotSet("crisis", None), SlotSet("crisis_also", None), SlotSet("safety_check", None)]


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def test_every_message_is_checked_and_the_finding_recorded(dispatcher, domain):
    tracker = make_tracker("domestic_abuse_housing", "my husband hits me and I'm scared")
    assert check_safety(tracker) == [SlotSet("crisis", "domestic_abuse"),
                                     SlotSet("crisis_also", None), SlotSet("safety_check", None)]
    calm = make_tracker("how_bidding_works", "how does bidding work in dudley")
    assert check_safety(calm) == CALM
    button = make_tracker("inform_council", '/inform_council{"council":"dudley"}')
    assert check_safety(button) == CALM
    assert said(dispatcher) == []  # the reply is sent by action_validate_slot_mappings


def test_outcome_1_danger_gets_999_and_the_helpline_first(dispatcher, domain):
    # A message with no question the knowledge base answers: the council's contacts follow.
    tracker = make_tracker("nlu_fallback", "my husband hits me and I'm scared",
                           council="sandwell")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert events == [SlotSet("crisis", "domestic_abuse"), SlotSet("crisis_also", None),
                      SlotSet("safety_check", None), SlotSet("language_question", None)]
    phrases = Phrasebook(domain, "en")
    texts = [t for t, _ in said(dispatcher)]
    assert texts[0] == phrases.text("utter_crisis_domestic_abuse", **NUMBERS)
    assert "999" in texts[0] and "0808 2000 247" in texts[0]
    assert texts[1] == phrases.text("utter_crisis_offer_person")
    assert texts[2].startswith("Here is how to contact Sandwell")
    assert said(dispatcher)[-1] == (phrases.text("utter_talk_to_person_button"),
                                    ["Talk to a person"])


def test_council_contacts_are_not_listed_twice_when_the_answer_follows(dispatcher, domain):
    """Nowhere to sleep tonight in Dudley: the numbers first, a person one button away, and
    the council's route once, at the end of the answer that follows (ADR 0022)."""
    tracker = make_tracker("homeless_tonight", "got kicked out today nowhere to go tonight",
                           council="dudley")
    run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    phrases = Phrasebook(domain, "en")
    texts = [t for t, _ in said(dispatcher)]
    assert texts[0].startswith(phrases.text("utter_crisis_homeless_tonight", **NUMBERS)[:40])
    assert "0300 500 0914" in texts[0]
    assert not any(t.startswith("Here is how to contact") for t in texts)
    assert phrases.text("utter_crisis_offer_person") not in texts
    assert said(dispatcher)[-1] == (phrases.text("utter_talk_to_person_button"),
                                    ["Talk to a person"])


def test_outcome_2_concern_gets_the_short_check_and_nothing_else(dispatcher, domain):
    """A possible sign: one kind question with three buttons; the answer to what was asked
    follows from Rasa's own reply in the same turn. No number, no council buttons."""
    tracker = make_tracker("x", "I'm scared, what should I do about the flat")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert events == [SlotSet("crisis", None), SlotSet("crisis_also", None),
                      SlotSet("safety_check", "immediate_danger"),
                      SlotSet("language_question", None)]
    phrases = Phrasebook(domain, "en")
    assert said(dispatcher) == [(phrases.text("utter_safety_check"),
                                 ["Yes, I'm safe", "No", "Talk to a person"])]
    assert "999" not in said(dispatcher)[0][0]


def test_no_to_the_check_gets_the_numbers(dispatcher, domain):
    for intent, text in (("safety_check_not_safe", "/safety_check_not_safe"), ("deny", "no")):
        tracker = make_tracker(intent, text, safety_check="domestic_abuse", council="dudley")
        assert check_safety(tracker)[:2] == [SlotSet("crisis", "domestic_abuse"),
                                             SlotSet("crisis_also", None)]
    # A typed "no" with no check asked is just "no".
    assert check_safety(make_tracker("deny", "no")) == CALM
    dispatcher.messages.clear()
    tracker = make_tracker("safety_check_not_safe", "/safety_check_not_safe",
                           safety_check="domestic_abuse", council="dudley")
    run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert said(dispatcher)[0][0] == Phrasebook(domain, "en").text(
        "utter_crisis_domestic_abuse", **NUMBERS)


@pytest.mark.parametrize("text", [
    "I own my home, can I get a grant for a new heating system", "I live in Coventry",
    "how do I challenge an intentionally homeless decision",
    "there's a man sleeping rough near our shop, who do I tell",
    "this tiny flat is killing me", "black mould in the kids room and my son keeps coughing",
    "07700 900456", "amina.k@example.org", "tomorrow please", "kal subah", "jutro rano",
    "B21 9ZZ", "Dudley", "WV1", "hello"])
def test_outcome_3_ordinary_questions_are_not_interrupted(dispatcher, domain, text):
    events = run(ActionValidateSlotMappings(), dispatcher, make_tracker("x", text), domain)
    assert events[:3] == CALM, text
    assert said(dispatcher) == []


def test_a_crisis_next_to_a_phone_number_is_still_a_crisis(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "he is going to kill me, my number is 07700 900456")
    assert check_safety(tracker)[0] == SlotSet("crisis", "immediate_danger")


def test_a_suicidal_message_with_an_invalid_character_is_still_read(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "I want to kill myself\ud800")
    assert check_safety(tracker)[0] == SlotSet("crisis", "suicidal")


def test_without_a_council_the_person_offer_asks_for_it(dispatcher, domain):
    """A crisis message whose question has no council-by-council answer ("he hits me" read
    as something else): the offer of a person asks for the council, and choosing one shows
    its contacts."""
    tracker = make_tracker("x", "I'm sleeping in my car with the kids tonight")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert events[-1] == SlotSet("pending_question", "contact_council")
    assert SlotSet("crisis", "homeless_tonight") in events
    (first, _), (offer, buttons) = said(dispatcher)
    assert "0300 500 0914" in first
    assert len(buttons) == 7


def test_when_the_answer_asks_for_the_council_the_offer_does_not_ask_too(dispatcher, domain):
    """"Sleeping in my car tonight" with no council: the homeless-tonight answer right after
    the numbers asks which council, with seven buttons. The crisis reply offers a person
    with one button, not the same seven buttons a line above (round 13, ADR 0024)."""
    tracker = make_tracker("homeless_tonight", "I'm sleeping in my car with the kids tonight")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert SlotSet("crisis", "homeless_tonight") in events
    assert SlotSet("pending_question", "contact_council") not in events
    phrases = Phrasebook(domain, "en")
    assert said(dispatcher)[-1] == (phrases.text("utter_talk_to_person_button"),
                                    ["Talk to a person"])
    assert "0300 500 0914" in said(dispatcher)[0][0]


def test_a_council_named_in_the_crisis_message_is_not_asked_for(dispatcher, domain):
    """"... changed the locks, I'm in Walsall": the answer after the numbers is for
    Walsall, so the crisis reply offers a person, not seven council buttons."""
    tracker = make_tracker("illegal_eviction",
                           "my landlord threw my things on the street and changed the locks, "
                           "I'm in Walsall")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert SlotSet("pending_question", "contact_council") not in events
    phrases = Phrasebook(domain, "en")
    assert said(dispatcher)[-1] == (phrases.text("utter_talk_to_person_button"),
                                    ["Talk to a person"])
    assert all(len(buttons) <= 1 for _, buttons in said(dispatcher))


def test_the_reply_is_in_the_residents_language(dispatcher, domain):
    tracker = make_tracker("x", "Mój mąż mnie bije i boję się wrócić do domu", language="pl")
    run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert said(dispatcher)[0][0] == Phrasebook(domain, "pl").text(
        "utter_crisis_domestic_abuse", **NUMBERS)


def _live_chat_held_by_an_adviser(conversation_id: str):
    from advice import advice_engine
    from advice.accounts import create_adviser
    from advice.cases import NewRequest, claim, open_request
    from advice.models import LIVE_CHAT

    engine = advice_engine()
    request = open_request(engine, NewRequest(
        conversation_id=conversation_id, channel=LIVE_CHAT, language="en", urgency="normal",
        summary="Asked about repairs.", council=None, topic=None, worker_organisation=None))
    adviser = create_adviser(engine, "sam", "correct horse battery")
    claim(engine, request.id, adviser)
    return engine, request


def test_with_an_adviser_a_crisis_gets_the_numbers_and_the_adviser_is_alerted(dispatcher, domain):
    """Issue 14: 'the landlord changed the locks' in a live chat brought the offer of a
    person and seven council buttons. Now: the numbers, the adviser alerted, the case at
    the top of the queue as a crisis with a visible status line."""
    from advice.models import URGENCY_RANK, CaseMessage, HandoffRequest

    engine, request = _live_chat_held_by_an_adviser("test-conversation")
    tracker = make_tracker("nlu_fallback", "the landlord changed the locks, im outside")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert events == [SlotSet("crisis", "illegal_eviction"), SlotSet("crisis_also", None),
                      SlotSet("safety_check", None), SlotSet("language_question", None),
                      SlotSet("with_adviser", True)]
    phrases = Phrasebook(domain, "en")
    assert said(dispatcher) == [
        (phrases.text("utter_crisis_illegal_eviction", **NUMBERS), []),
        (phrases.text("utter_adviser_alerted"), [])]
    with Session(engine) as session:
        row = session.get(HandoffRequest, request.id)
        assert (row.urgency, row.urgency_rank) == ("crisis", URGENCY_RANK["crisis"])
        alerts = session.scalars(select(CaseMessage.text).where(
            CaseMessage.handoff_id == request.id, CaseMessage.kind == "status")).all()
    assert any(a.startswith("Crisis alert (illegal eviction)") for a in alerts)


def test_with_an_adviser_a_concern_is_left_to_the_adviser(dispatcher, domain):
    _live_chat_held_by_an_adviser("test-conversation")
    tracker = make_tracker("x", "I'm scared, what should I do about the flat")
    events = run(ActionValidateSlotMappings(), dispatcher, tracker, domain)
    assert SlotSet("safety_check", "immediate_danger") in events
    assert said(dispatcher) == []
