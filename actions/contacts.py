"""Council contact details (how they are said: actions/replies.py)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.pending import CONTACT_COUNCIL, ask_council_for
from actions.replies import send_council_contacts
from actions.turn import Turn


class ActionShowContacts(Action):
    """The council's contacts, asking for the council first if we don't know it."""

    def name(self) -> str:
        return "action_show_contacts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        council_id, events = turn.council_to_answer_for()
        if not council_id:
            return events + ask_council_for(turn, CONTACT_COUNCIL)
        send_council_contacts(turn, council_id)
        return events
