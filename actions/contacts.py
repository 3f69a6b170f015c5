"""Council contact details.

Numbers come from the knowledge base with their verification status; an
unverified number is always shown as unconfirmed.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import council_for_turn
from actions.councils import ask_council, phrases_for
from actions.phrasebook import Phrasebook
from actions.rendering import contacts_message
from actions.services import knowledge_base

COUNCIL_SERVICES = ("housing_register", "bidding", "housing_options",
                    "homelessness_out_of_hours", "rough_sleeping", "advice", "general")


def send_council_contacts(dispatcher: CollectingDispatcher, phrases: Phrasebook,
                          council_id: str) -> None:
    kb = knowledge_base()
    council = kb.council(council_id)
    contacts = [c for c in kb.contacts_for(council_id, COUNCIL_SERVICES)
                if c.council == council_id]
    if council is None:
        return
    intro = phrases.text("utter_council_contacts_intro", council_name=council.name)
    fallback = [] if contacts else [f"- {council.name}: {council.website}"]
    message = contacts_message(phrases, contacts, intro, fallback)
    dispatcher.utter_message(**message.as_kwargs())


class ActionShowContacts(Action):
    """The council's contacts, asking for the council first if we don't know it."""

    def name(self) -> str:
        return "action_show_contacts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        phrases = phrases_for(domain, tracker)
        council_id, events = council_for_turn(tracker)
        if not council_id:
            ask_council(dispatcher, phrases)
            return events + [SlotSet("pending_question", "contact_council")]
        send_council_contacts(dispatcher, phrases, council_id)
        return events
