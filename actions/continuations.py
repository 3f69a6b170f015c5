"""What happens once the council is known.

The resident names their council (a button, a place, a postcode), either when asked or
unprompted. The assistant remembers it and carries on with whatever was waiting for it
(actions/pending.py): a question family is answered for that council; anything else is
looked up in CONTINUATIONS. With nothing waiting, it confirms the council.

`council_told` is shared by `action_choose_council` and by the search fallback (a
message such as "Tipton" on its own), so neither action runs the other.
"""
from __future__ import annotations

from typing import Callable

from rasa_sdk.events import EventType, SlotSet

from actions.answering import answer_question
from actions.pending import CONTACT_COUNCIL, nothing_waiting, waiting
from actions.replies import council_not_recognised, send_council_contacts
from actions.turn import Turn

# (turn, the council now known) -> events
Continuation = Callable[[Turn, str], list[EventType]]


def show_contacts(turn: Turn, council_id: str) -> list[EventType]:
    send_council_contacts(turn, council_id)
    return nothing_waiting()


# Continuations that are not question families; every other pending question is one.
CONTINUATIONS: dict[str, Continuation] = {
    CONTACT_COUNCIL: show_contacts,
}


def resume(turn: Turn, question: str, council_id: str) -> list[EventType]:
    """Carry on with the question that was waiting for the resident's council."""
    continuation = CONTINUATIONS.get(question)
    if continuation is not None:
        return continuation(turn, council_id)
    return answer_question(turn, question, council_id)


def council_told(turn: Turn) -> list[EventType]:
    """The resident told us their council, place or postcode: remember it and carry on."""
    routing = turn.routing
    if routing.council is None:
        council_not_recognised(turn, routing)
        return []
    council = turn.kb.council(routing.council)
    assert council is not None  # routing only returns councils that exist
    events: list[EventType] = [SlotSet("council", council.id)]
    question = waiting(turn.tracker)
    if question:
        return events + resume(turn, question, council.id)
    turn.say(turn.phrases.text("utter_council_set", council_name=council.name))
    turn.say(turn.phrases.text("utter_how_can_i_help"))
    return events
