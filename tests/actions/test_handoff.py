"""Handing over to a person: the actions against real trackers, a real knowledge base
and a real (SQLite) handoff queue, asserting the exact events."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.answers import ActionSearchKnowledge
from actions.handoff import (
    ActionConnectToPerson,
    ActionStartLiveChat,
    ActionSubmitCallback,
    ValidateCallbackForm,
    check_adviser,
    contact_method,
)
from actions.phrasebook import Phrasebook
from advice import advice_engine, cases
from advice.accounts import create_adviser, start_session
from tests.actions.conftest import said

CONVERSATION = "resident-0001"
CALLBACK_CLEARED = [SlotSet(s, None) for s in ("callback_consent", "best_time", "interpreter",
                                                "adviser_gender", "contact")]


@pytest.fixture(autouse=True)
def advice_db(monkeypatch):
    monkeypatch.delenv("HANDOFF_WEBHOOK_URL", raising=False)
    return advice_engine()  # the test's own database (tests/actions/conftest.py)


@pytest.fixture
def adviser_online(advice_db):
    adviser = create_adviser(advice_db, "amina", "correct horse battery", languages=["en", "ur"])
    start_session(advice_db, adviser)
    return adviser


def run(action, dispatcher, tracker, domain):
    return asyncio.run(action.run(dispatcher, tracker, domain))


def user(text: str, intent: str, **metadata) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}},
            "metadata": metadata}


def tracker_with(events: list[dict], intent: str = "request_human", text: str = "",
                 **slots) -> Tracker:
    return Tracker.from_dict({
        "sender_id": CONVERSATION,
        "slots": {"council": None, "language": "en", "pending_question": None,
                  "with_adviser": False, "misunderstood": 0, "callback_consent": None,
                  "best_time": None, "interpreter": None, "adviser_gender": None,
                  "contact": None, **slots},
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.99},
                           "entities": []},
        "events": events, "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen",
    })


def test_offers_live_chat_only_when_an_adviser_is_online(dispatcher, domain, advice_db):
    phrases = Phrasebook(domain)
    assert run(ActionConnectToPerson(), dispatcher, tracker_with([]), domain) == []
    assert said(dispatcher) == [(phrases.text("utter_connect_to_person_offline"),
                                 ["Ask for a call or email back", "Council contact details"])]
    adviser = create_adviser(advice_db, "amina", "correct horse battery")
    start_session(advice_db, adviser)
    dispatcher.messages.clear()
    run(ActionConnectToPerson(), dispatcher, tracker_with([]), domain)
    assert said(dispatcher)[0][1] == ["Chat with an adviser now", "Ask for a call or email back",
                                      "Council contact details"]


def test_live_chat_opens_one_request_with_a_summary(dispatcher, domain, advice_db,
                                                    adviser_online):
    events = [
        user("how does bidding work", "how_bidding_works"),
        {"event": "slot", "name": "council", "value": "birmingham"},
        user("he hits me and won't let me leave, call me on 07700 900123", "nlu_fallback"),
        {"event": "slot", "name": "crisis", "value": "domestic_abuse"},
        user("/handoff_live_chat", "handoff_live_chat", worker_organisation="Saheli Hub"),
    ]
    tracker = tracker_with(events, "handoff_live_chat", council="birmingham", language="ur")
    assert run(ActionStartLiveChat(), dispatcher, tracker, domain) == []
    request = cases.open_request_for(advice_db, CONVERSATION)
    assert (request.status, request.urgency, request.language, request.council,
            request.channel, request.worker_organisation) == (
        "waiting", "crisis", "ur", "birmingham", "live_chat", "Saheli Hub")
    assert "domestic abuse" in request.summary and "Birmingham" in request.summary
    assert "Language: Urdu" in request.summary and "Saheli Hub" in request.summary
    assert "07700" not in request.summary  # personal details masked in the summary
    [message] = dispatcher.messages
    assert request.reference in message["text"] and message["custom"] == {"handoff": "waiting"}
    # Pressing the button again keeps the same place in the queue.
    dispatcher.messages.clear()
    run(ActionStartLiveChat(), dispatcher, tracker, domain)
    assert cases.open_request_for(advice_db, CONVERSATION).id == request.id


def test_the_assistant_knows_when_an_adviser_holds_the_conversation(dispatcher, domain,
                                                                    advice_db, adviser_online):
    tracker = tracker_with([])
    assert check_adviser(tracker) == []
    request = cases.open_request(advice_db, cases.NewRequest(
        conversation_id=CONVERSATION, channel="live_chat", language="en", urgency="normal",
        summary="s"))
    assert check_adviser(tracker) == []  # waiting: still ours
    cases.claim(advice_db, request.id, adviser_online)
    assert check_adviser(tracker) == [SlotSet("with_adviser",
                                                                              True)]
    cases.close(advice_db, request.id, adviser_online, "returned")
    held = tracker_with([], with_adviser=True)
    assert check_adviser(held) == [SlotSet("with_adviser", False)]


@pytest.mark.parametrize("typed, expected", [
    ("07700 900123", ("phone", "07700900123")),
    ("+44 121 303 7410", ("phone", "+441213037410")),
    ("(0121) 303-7410", ("phone", "01213037410")),
    ("amina.k@example.org", ("email", "amina.k@example.org")),
    ("call me tomorrow", None), ("12345", None), ("a@b", None), ("", None),
])
def test_contact_details_are_checked(typed, expected):
    assert contact_method(typed) == expected


def test_callback_form_asks_nothing_more_without_consent(dispatcher, domain):
    form = ValidateCallbackForm()
    slots = ["callback_consent", "best_time", "interpreter", "adviser_gender", "contact"]
    refused = tracker_with([], callback_consent=False)
    agreed = tracker_with([], callback_consent=True)
    assert asyncio.run(form.required_slots(slots, dispatcher, refused, domain)) == \
        ["callback_consent"]
    assert asyncio.run(form.required_slots(slots, dispatcher, agreed, domain)) == slots
    assert form.validate_contact("not a number", dispatcher, agreed, domain) == {"contact": None}
    assert said(dispatcher) == [(Phrasebook(domain).text("utter_contact_not_valid"), [])]
    assert form.validate_best_time("midnight", dispatcher, agreed, domain) == {"best_time": None}
    assert form.validate_adviser_gender("woman", dispatcher, agreed, domain) == \
        {"adviser_gender": "woman"}


def test_callback_is_opened_with_what_the_resident_chose(dispatcher, domain, advice_db):
    tracker = tracker_with([user("my landlord gave me a section 21", "threatened_homelessness")],
                           "inform_callback", council="dudley", language="pl",
                           callback_consent=True, best_time="evening", interpreter=True,
                           adviser_gender="woman", contact="07700 900123")
    assert run(ActionSubmitCallback(), dispatcher, tracker, domain) == CALLBACK_CLEARED
    request = cases.open_request_for(advice_db, CONVERSATION)
    assert (request.channel, request.contact_method, request.contact_value, request.best_time,
            request.interpreter_needed, request.adviser_gender, request.urgency,
            request.topic) == ("callback", "phone", "07700900123", "evening", True, "woman",
                               "high", "threatened_homelessness")
    [message] = dispatcher.messages
    assert request.reference in message["text"]


def test_no_consent_keeps_nothing_and_gives_the_council(dispatcher, domain, advice_db):
    tracker = tracker_with([], "deny", council="walsall", callback_consent=False)
    assert run(ActionSubmitCallback(), dispatcher, tracker, domain) == CALLBACK_CLEARED
    assert cases.open_request_for(advice_db, CONVERSATION) is None
    texts = [t for t, _ in said(dispatcher)]
    assert texts[0] == Phrasebook(domain).text("utter_callback_no_consent")
    assert "Walsall" in texts[1]


def test_two_misunderstandings_in_a_row_offer_a_person(dispatcher, domain):
    first = tracker_with([user("zzqx blorp", "nlu_fallback")], "nlu_fallback", "zzqx blorp")
    events = run(ActionSearchKnowledge(), dispatcher, first, domain)
    assert events == [SlotSet("misunderstood", 1.0)]
    assert said(dispatcher)[0][0] == Phrasebook(domain).text("utter_fallback")
    dispatcher.messages.clear()
    second = tracker_with([user("zzqx blorp", "nlu_fallback"),
                           {"event": "action", "name": "action_search_knowledge"},
                           {"event": "slot", "name": "misunderstood", "value": 1.0},
                           {"event": "action", "name": "action_listen"},
                           user("vvv qqq", "nlu_fallback")], "nlu_fallback", "vvv qqq",
                          misunderstood=1.0)
    assert run(ActionSearchKnowledge(), dispatcher, second, domain) == [
        SlotSet("misunderstood", 0.0)]
    texts = [t for t, _ in said(dispatcher)]
    assert texts[0] == Phrasebook(domain).text("utter_still_not_understood")
    assert texts[1] == Phrasebook(domain).text("utter_connect_to_person_offline")
