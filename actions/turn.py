"""What the assistant knows on this turn: who to answer, in which language, from which
knowledge base, on which day, and where the message places the resident.

Each action builds one `Turn` at the start of `run()` and passes it down, instead of every
helper re-deriving the language, the phrases and the council from `(tracker, domain)`.
The council the message points to is looked up at most once per turn (a postcode may cost
a call to postcodes.io), and only when something asks for it.

A leaf: imports no action module, so every module in actions/ may import it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.phrasebook import Phrasebook, say
from actions.rendering import Message
from actions.services import council_router, knowledge_base, today
from knowledge.library import KnowledgeBase
from knowledge.routing import CouncilRouter, Routing


def language_of(tracker: Tracker) -> str | None:
    return tracker.get_slot("language") if "language" in tracker.slots else None


def phrases_for(domain: dict[str, Any], tracker: Tracker) -> Phrasebook:
    """The content's phrases in the resident's language. `domain` (what Rasa sent, mostly
    nothing under selective domain) is not where phrases come from (actions/phrasebook.py)."""
    return Phrasebook.of_content(language_of(tracker))


def routing_from_message(tracker: Tracker, router: CouncilRouter) -> Routing:
    """The council this message points to, if any: entities first, then the words."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") in ("council", "postcode") and entity.get("value"):
            routing = router.route(str(entity["value"]))
            if routing.councils or routing.outside_area:
                return routing
    return router.route(tracker.latest_message.get("text") or "")


@dataclass(frozen=True)
class Turn:
    dispatcher: CollectingDispatcher
    tracker: Tracker
    phrases: Phrasebook  # in the resident's language
    kb: KnowledgeBase
    today: date

    @classmethod
    def start(cls, dispatcher: CollectingDispatcher, tracker: Tracker,
              domain: dict[str, Any]) -> Turn:
        """The turn an action is running: phrases in the language of the `language` slot."""
        return cls.speaking(dispatcher, tracker, phrases_for(domain, tracker))

    @classmethod
    def speaking(cls, dispatcher: CollectingDispatcher, tracker: Tracker,
                 phrases: Phrasebook) -> Turn:
        """A turn whose phrases are already chosen (the crisis reply on every message)."""
        return cls(dispatcher, tracker, phrases, knowledge_base(), today())

    @property
    def language(self) -> str | None:
        return self.phrases.language

    @property
    def text(self) -> str:
        return self.tracker.latest_message.get("text") or ""

    @property
    def intent(self) -> str | None:
        return (self.tracker.latest_message.get("intent") or {}).get("name")

    @property
    def council(self) -> str | None:
        """The council remembered from earlier in the conversation."""
        return self.tracker.get_slot("council")

    @cached_property
    def routing(self) -> Routing:
        """Where this message places the resident; looked up once, on first use."""
        return routing_from_message(self.tracker, council_router())

    def council_to_answer_for(self) -> tuple[str | None, list[EventType]]:
        """The council named in this message, else the remembered one; with the event
        that remembers a newly named council."""
        named = self.routing.council
        if named and named != self.council:
            return named, [SlotSet("council", named)]
        return self.council, []

    def say(self, text: str, **kwargs: Any) -> None:
        say(self.dispatcher, text, **kwargs)

    def send(self, messages: list[Message]) -> None:
        for message in messages:
            self.dispatcher.utter_message(**message.as_kwargs())
