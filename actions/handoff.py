"""Handing a conversation to a person: live chat, a callback, or the council's contacts.

A person is offered when the resident asks (in any language), after two
misunderstandings in a row, on a crisis, and under answers the content marks as
needing an adviser. Live chat is offered only while an adviser has the console
open. A callback asks consent before any contact detail, then asks only what
the advice team needs; the contact detail is asked last, used in the same turn
to open the request, and never kept in the stored conversation.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.case_summary import case_facts
from actions.pending import CONTACT_COUNCIL, ask_council_for
from actions.phrasebook import say
from actions.replies import offer_person, send_council_contacts
from actions.turn import Turn, phrases_for
from advice import advice_engine
from advice.accounts import advisers_available
from advice.cases import NewRequest, adviser_holds, open_request, open_request_for
from advice.forwarding import forward_in_background
from advice.models import CALLBACK, LIVE_CHAT, HandoffRequest
# What the callback form accepts as a contact detail: defined beside the masks that keep
# every accepted format out of stored conversations and logs.
from bot.redaction import contact_method

BEST_TIMES = ("morning", "afternoon", "evening", "any")
GENDERS = ("woman", "man", "any")
CALLBACK_SLOTS = ("callback_consent", "best_time", "interpreter", "adviser_gender", "contact")


def check_adviser(tracker: Tracker) -> list[EventType]:
    """Is an adviser holding this conversation now (the `with_adviser` slot)? Read from
    the database on every message, so any replica gives the same answer."""
    holds = adviser_holds(advice_engine(), tracker.sender_id)
    if bool(tracker.get_slot("with_adviser")) == holds:
        return []
    return [SlotSet("with_adviser", holds)]


class ActionConnectToPerson(Action):
    def name(self) -> str:
        return "action_connect_to_person"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        offer_person(Turn.start(dispatcher, tracker, domain))
        return []


def _open(tracker: Tracker, channel: str, **callback: Any) -> HandoffRequest:
    facts = case_facts(tracker, channel)
    engine = advice_engine()
    request = open_request(engine, NewRequest(
        conversation_id=tracker.sender_id, channel=channel,
        language=tracker.get_slot("language") or "en", urgency=facts.urgency,
        summary=facts.summary, council=tracker.get_slot("council"), topic=facts.topic,
        worker_organisation=facts.worker_organisation, **callback))
    forward_in_background(engine, request)
    return request


class ActionStartLiveChat(Action):
    def name(self) -> str:
        return "action_start_live_chat"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        if not advisers_available(advice_engine()) and \
                open_request_for(advice_engine(), tracker.sender_id) is None:
            # The adviser went offline between the offer and the click.
            offer_person(turn)
            return []
        request = _open(tracker, LIVE_CHAT)
        turn.say(turn.phrases.text("utter_handoff_waiting", reference=request.reference),
                 custom={"handoff": request.status})
        return []


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> str:
        return "validate_callback_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: dict[str, Any]) -> list[str]:
        # Without consent we ask nothing more.
        if tracker.get_slot("callback_consent") is False:
            return ["callback_consent"]
        return domain_slots

    def validate_best_time(self, value: Any, dispatcher: CollectingDispatcher,
                           tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        return {"best_time": value if value in BEST_TIMES else None}

    def validate_adviser_gender(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        return {"adviser_gender": value if value in GENDERS else None}

    def validate_contact(self, value: Any, dispatcher: CollectingDispatcher,
                         tracker: Tracker, domain: dict[str, Any]) -> dict[str, Any]:
        if contact_method(str(value or "")) is None:
            say(dispatcher, phrases_for(domain, tracker).text(
                "utter_contact_not_valid"))
            return {"contact": None}
        return {"contact": value}


class ActionSubmitCallback(Action):
    def name(self) -> str:
        return "action_submit_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        clear = [SlotSet(slot, None) for slot in CALLBACK_SLOTS]
        method = contact_method(str(tracker.get_slot("contact") or ""))
        if tracker.get_slot("callback_consent") is not True or method is None:
            turn.say(turn.phrases.text("utter_callback_no_consent"))
            if turn.council:
                send_council_contacts(turn, turn.council)
                return clear
            return clear + ask_council_for(turn, CONTACT_COUNCIL)
        request = _open(tracker, CALLBACK, contact_method=method[0], contact_value=method[1],
                        best_time=tracker.get_slot("best_time"),
                        interpreter_needed=tracker.get_slot("interpreter"),
                        adviser_gender=tracker.get_slot("adviser_gender"))
        turn.say(turn.phrases.text("utter_callback_booked", reference=request.reference))
        return clear
