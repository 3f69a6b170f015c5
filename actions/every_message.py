"""What happens on every message, before the assistant decides its reply.

Rasa runs `action_validate_slot_mappings` after reading each message and before
any policy chooses a reply, and keeps the messages it sends: the one place to
read a message and answer in the same turn. It records, in slots, what the
message shows: signs of crisis (actions/safety.py), the resident's language
(actions/language.py) and whether an adviser holds the conversation
(actions/handoff.py); then it sends, in order, the crisis reply (numbers first,
then the offer of a person, or the short "Are you safe right now?" check when the
sign is only possible) and, when the language is uncertain, the question of which
language to use. One call to the action server per message for all of
it (each call costs Rasa a round trip and a validation of the answer).

The crisis check runs first, and nothing else can stop it: a failure in any other
check (a message the language identifier cannot read, a database that is down) is
logged and that check skipped, so a resident in crisis still gets the numbers.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import check_adviser
from actions.language import send_language_question, understand_language
from actions.phrasebook import Phrasebook
from actions.safety import check_safety, send_safety_reply

log = logging.getLogger(__name__)
Check = Callable[[Tracker], list[EventType]]


def run_checks(tracker: Tracker) -> list[EventType]:
    """The crisis check, then the others; each sees the slots as the earlier ones left them."""
    events: list[EventType] = []
    for check, must_run in ((check_safety, True), (understand_language, False),
                            (check_adviser, False)):
        found = check(tracker) if must_run else _skipping_failure(check, tracker)
        # Later checks and the replies below read the slots as this message leaves them.
        tracker.slots.update({e["name"]: e["value"] for e in found if e["event"] == "slot"})
        events += found
    return events


def _skipping_failure(check: Check, tracker: Tracker) -> list[EventType]:
    try:
        return check(tracker)
    except Exception:  # noqa: BLE001 - one check's failure must not silence the others
        log.exception("%s failed on this message; carrying on without it", check.__name__)
        return []


class ActionValidateSlotMappings(Action):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        events = run_checks(tracker)
        if tracker.get_slot("crisis") or tracker.get_slot("safety_check"):
            phrases = Phrasebook(domain, tracker.get_slot("language"))
            events += send_safety_reply(dispatcher, tracker, phrases)
        if tracker.get_slot("language_question"):
            def ask_language(t: Tracker) -> list[EventType]:
                send_language_question(dispatcher, t, domain)  # sends; sets no slot
                return []

            _skipping_failure(ask_language, tracker)
        return events
