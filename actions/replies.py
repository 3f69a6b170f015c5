"""How the assistant says the things several actions say: which council (asking, or
explaining why a place was not recognised), the council's contacts, and the ways to
reach a person.

Numbers come from the knowledge base with their verification status; an unverified
number is always shown as unconfirmed. Live chat is offered only while an adviser has the
console open.

A leaf: imports no action module (see actions/__init__.py for who may import whom).
"""
from __future__ import annotations

from actions.rendering import contacts_message, council_buttons
from actions.turn import Turn
from advice import advice_engine
from advice.accounts import advisers_available
from advice.cases import open_request_for
from advice.models import LIVE_CHAT
from knowledge.routing import Routing

COUNCIL_SERVICES = ("housing_register", "bidding", "housing_options",
                    "homelessness_out_of_hours", "rough_sleeping", "advice", "general")


def ask_council(turn: Turn, routing: Routing | None = None) -> None:
    """Ask which council, offering only the candidates when we know them."""
    phrases = turn.phrases
    if routing is not None and routing.ambiguous:
        candidates = [c for c in turn.kb.councils() if c.id in routing.councils]
        turn.say(phrases.text("utter_council_ambiguous", place=routing.matched.title()),
                 buttons=council_buttons(candidates))
        return
    turn.say(phrases.text("utter_ask_council"), buttons=phrases.buttons("utter_ask_council"))


def council_not_recognised(turn: Turn, routing: Routing) -> None:
    """The resident named a place we cannot place in one council: say why, ask again."""
    phrases = turn.phrases
    if routing.outside_area:
        turn.say(phrases.text("utter_council_outside_area"),
                 buttons=phrases.buttons("utter_ask_council"))
    elif routing.ambiguous:
        ask_council(turn, routing)
    else:
        turn.say(phrases.text("utter_council_not_found"))
        ask_council(turn)


def send_council_contacts(turn: Turn, council_id: str) -> None:
    council = turn.kb.council(council_id)
    contacts = [c for c in turn.kb.contacts_for(council_id, COUNCIL_SERVICES)
                if c.council == council_id]
    if council is None:
        return
    intro = turn.phrases.text("utter_council_contacts_intro", council_name=council.name)
    fallback = [] if contacts else [f"- {council.name}: {council.website}"]
    turn.send([contacts_message(turn.phrases, contacts, intro, fallback)])


def offer_person(turn: Turn) -> None:
    """The options for reaching a person; live chat only when an adviser is online."""
    phrases = turn.phrases
    open_case = open_request_for(advice_engine(), turn.tracker.sender_id)
    if open_case is not None and open_case.channel == LIVE_CHAT:
        turn.say(phrases.text("utter_handoff_already_open", reference=open_case.reference),
                 custom={"handoff": open_case.status})
        return
    name = "utter_connect_to_person" if advisers_available(advice_engine()) \
        else "utter_connect_to_person_offline"
    turn.say(phrases.text(name), buttons=phrases.buttons(name))
