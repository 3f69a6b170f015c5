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

from actions.answering import answer_question, answer_with_article
from actions.pending import CONTACT_COUNCIL, nothing_waiting, waiting
from actions.replies import council_not_recognised, send_council_contacts
from actions.turn import Turn

# (turn, the council now known) -> events
Continuation = Callable[[Turn, str], list[EventType]]

# A message this short that names a place is the resident saying where they live.
PLACE_ONLY_WORDS = 4
# The classifier's own word that a message only says where the resident lives ("میں
# والسال میں رہتا ہوں", five words in Urdu script): then no question is looked for beside it.
SAYS_WHERE_ONLY = 0.6
# "Can I get a grant for a heat pump? I live in Coventry" is understood as telling us the
# council; the question beside it is the best question family in the classifier's
# (calibrated, ADR 0007) ranking, when it has at least this much.
QUESTION_BESIDE_PLACE = 0.15


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
    asked = question_beside_place(turn, council.id)
    if asked:
        return events + asked
    turn.say(turn.phrases.text("utter_council_set", council_name=council.name))
    turn.say(turn.phrases.text("utter_how_can_i_help"))
    return events


def question_beside_place(turn: Turn, council_id: str) -> list[EventType]:
    """A message that names a place and asks something gets the question answered: the
    best question family the classifier saw in it, else a confident search result.
    Nothing (an empty list) when the message only says where the resident lives."""
    text = turn.text.strip()
    if len(text.split()) <= PLACE_ONLY_WORDS or text.startswith("/"):
        return []
    ranking = turn.tracker.latest_message.get("intent_ranking") or []
    if ranking and ranking[0].get("name") == "inform_council" \
            and float(ranking[0].get("confidence") or 0.0) >= SAYS_WHERE_ONLY:
        return []
    for ranked in ranking:
        family, confidence = ranked.get("name"), float(ranked.get("confidence") or 0.0)
        if confidence < QUESTION_BESIDE_PLACE:
            break
        if family and turn.kb.answer_for(family, council_id, turn.today).article is not None:
            return answer_question(turn, family, council_id)
    result = turn.kb.search(text, council_id, language=turn.language or "en")
    if result.confident is not None:
        return answer_with_article(turn, result.confident, council_id)
    return []
