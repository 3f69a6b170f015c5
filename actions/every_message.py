"""What happens on every message, before the assistant decides its reply.

Rasa runs `action_validate_slot_mappings` after reading each message and before
any policy chooses a reply, and keeps the messages it sends: the one place to
read a message and answer in the same turn. It records, in slots, what the
message shows: signs of crisis (actions/safety.py), the resident's language
(actions/language.py) and whether an adviser holds the conversation
(actions/handoff.py); then it sends, in order, the crisis reply (numbers first,
then the offer of a person) and, when the language is uncertain, the question
of which language to use. One call to the action server per message for all of
it (each call costs Rasa a round trip and a validation of the answer).
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import check_adviser
from actions.language import send_language_question, understand_language
from actions.phrasebook import Phrasebook
from actions.safety import check_safety, send_crisis_reply


class ActionValidateSlotMappings(Action):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        events: list[EventType] = []
        for check in (understand_language, check_safety, check_adviser):
            found = check(tracker)
            # Later checks and the replies below read the slots as this message leaves them.
            tracker.slots.update({e["name"]: e["value"] for e in found if e["event"] == "slot"})
            events += found
        if tracker.get_slot("crisis"):
            phrases = Phrasebook(domain, tracker.get_slot("language"))
            events += send_crisis_reply(dispatcher, tracker, phrases)
        if tracker.get_slot("language_question"):
            send_language_question(dispatcher, tracker, domain)
        return events
