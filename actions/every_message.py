"""What happens on every message, before the assistant decides its reply.

Rasa runs the custom slot mappings first (`action_check_safety`,
`action_understand_language`), which only record what they found in slots;
then it runs `action_validate_slot_mappings`, the one place where Rasa lets
those findings be said to the resident in the same turn. It sends, in order:
the crisis reply (numbers first, then the offer of a person) and, when the
language is uncertain, the question of which language to use.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.language import send_language_question
from actions.phrasebook import Phrasebook
from actions.safety import send_crisis_reply


class ActionValidateSlotMappings(Action):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        events: list[EventType] = []
        if tracker.get_slot("crisis"):
            phrases = Phrasebook(domain, tracker.get_slot("language"))
            events += send_crisis_reply(dispatcher, tracker, phrases)
        if tracker.get_slot("language_question"):
            send_language_question(dispatcher, tracker, domain)
        return events
