"""The question waiting for the resident's council (the `pending_question` slot).

Most answers differ by council. When the assistant does not know it yet, it asks, and
remembers here what it was about to do: a question family (`apply_for_housing`) or
another continuation named in actions/continuations.py (`contact_council`). Choosing a
council then carries on from there. This module is the only one that sets the slot.

A leaf: imports no action module.
"""
from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.replies import ask_council
from actions.turn import Turn
from knowledge.routing import Routing

PENDING_QUESTION = "pending_question"
# Not a question family: "show the council's contacts" (actions/continuations.py).
CONTACT_COUNCIL = "contact_council"


def waiting(tracker: Tracker) -> str | None:
    """What the assistant was about to do when it asked for the council, if anything."""
    return tracker.get_slot(PENDING_QUESTION)


def wait_for_council(question: str | None) -> list[EventType]:
    """Remember `question` until the council is known (None: nothing is waiting)."""
    return [SlotSet(PENDING_QUESTION, question)]


def nothing_waiting() -> list[EventType]:
    """The question has been answered (or there is nothing left to answer)."""
    return wait_for_council(None)


def ask_council_for(turn: Turn, question: str, routing: Routing | None = None
                    ) -> list[EventType]:
    """Ask which council, and remember what to do once it is known."""
    ask_council(turn, routing)
    return wait_for_council(question)
