"""Council contact details, and the route to a person.

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
    message = contacts_message(phrases, contacts, intro)
    if not contacts:
        message.text += f"\n- {council.name}: {council.website}"
    dispatcher.utter_message(text=message.text)


class _CouncilContactAction:
    """Shared shape: say something, then the council's contacts (asking for the council first).

    Not an Action itself: rasa-sdk registers every Action subclass, so the concrete
    actions below mix this in.
    """

    family = ""
    lead_in: str | None = None

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        phrases = phrases_for(domain, tracker)
        if self.lead_in:
            dispatcher.utter_message(text=phrases.text(self.lead_in))
        council_id, events = council_for_turn(tracker)
        if not council_id:
            ask_council(dispatcher, phrases)
            return events + [SlotSet("pending_question", self.family)]
        send_council_contacts(dispatcher, phrases, council_id)
        return events


class ActionShowContacts(_CouncilContactAction, Action):
    family = "contact_council"

    def name(self) -> str:
        return "action_show_contacts"


class ActionConnectToPerson(_CouncilContactAction, Action):
    """For now the council's own advisers; live handoff is tracked in issue 5."""

    family = "contact_council"
    lead_in = "utter_connect_to_person"

    def name(self) -> str:
        return "action_connect_to_person"
