"""Knowing the resident's council: from buttons, place names and postcodes.

Most answers differ by council, so the assistant asks once, remembers the
answer in the `council` slot, and lets the resident change it at any time.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.phrasebook import Phrasebook, say
from actions.rendering import council_buttons
from actions.services import council_router, knowledge_base
from knowledge.routing import Routing


def language_of(tracker: Tracker) -> str | None:
    return tracker.get_slot("language") if "language" in tracker.slots else None


def phrases_for(domain: dict[str, Any], tracker: Tracker) -> Phrasebook:
    return Phrasebook(domain, language_of(tracker))


def routing_from_message(tracker: Tracker) -> Routing:
    """The council this message points to, if any: entities first, then the words."""
    router = council_router()
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") in ("council", "postcode") and entity.get("value"):
            routing = router.route(str(entity["value"]))
            if routing.councils or routing.outside_area:
                return routing
    return router.route(tracker.latest_message.get("text") or "")


def ask_council(dispatcher: CollectingDispatcher, phrases: Phrasebook,
                routing: Routing | None = None) -> None:
    """Ask which council, offering only the candidates when we know them."""
    kb = knowledge_base()
    if routing is not None and routing.ambiguous:
        candidates = [c for c in kb.councils() if c.id in routing.councils]
        say(
            dispatcher, phrases.text("utter_council_ambiguous", place=routing.matched.title()),
            buttons=council_buttons(candidates))
        return
    say(dispatcher, phrases.text("utter_ask_council"),
                             buttons=phrases.buttons("utter_ask_council"))


class ActionAskCouncil(Action):
    """Ask (again) which council the resident lives in."""

    def name(self) -> str:
        return "action_ask_council"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        ask_council(dispatcher, phrases_for(domain, tracker))
        return [SlotSet("council", None)]


class ActionChooseCouncil(Action):
    """The resident told us their council, place or postcode: remember it and carry on."""

    def name(self) -> str:
        return "action_choose_council"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        # Imported here because answering a pending question needs the answer actions,
        # which in turn use this module's helpers.
        from actions.answers import answer_pending

        phrases = phrases_for(domain, tracker)
        routing = routing_from_message(tracker)
        if routing.council is None:
            if routing.outside_area:
                say(dispatcher, phrases.text("utter_council_outside_area"),
                                         buttons=phrases.buttons("utter_ask_council"))
            elif routing.ambiguous:
                ask_council(dispatcher, phrases, routing)
            else:
                say(dispatcher, phrases.text("utter_council_not_found"))
                ask_council(dispatcher, phrases)
            return []
        council = knowledge_base().council(routing.council)
        assert council is not None  # routing only returns councils that exist
        events: list[EventType] = [SlotSet("council", council.id)]
        pending = tracker.get_slot("pending_question")
        if pending:
            events += answer_pending(dispatcher, tracker, domain, pending, council.id)
        else:
            say(dispatcher, phrases.text("utter_council_set",
                                                       council_name=council.name))
            say(dispatcher, phrases.text("utter_how_can_i_help"))
        return events
