"""Knowing the resident's council: from buttons, place names and postcodes.

Most answers differ by council, so the assistant asks once, remembers the
answer in the `council` slot, and lets the resident change it at any time.
What happens once it is known is actions/continuations.py.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.continuations import council_told
from actions.replies import ask_council
from actions.turn import Turn


class ActionAskCouncil(Action):
    """Ask (again) which council the resident lives in."""

    def name(self) -> str:
        return "action_ask_council"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        ask_council(Turn.start(dispatcher, tracker, domain))
        return [SlotSet("council", None)]


class ActionChooseCouncil(Action):
    """The resident told us their council, place or postcode: remember it and carry on."""

    def name(self) -> str:
        return "action_choose_council"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        return council_told(Turn.start(dispatcher, tracker, domain))
