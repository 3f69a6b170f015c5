"""The crisis replies' text: the numbers first, one reply per category found.

Sent by actions/safety.py; read again by actions/answer_shape.py, which leaves out of the
answer that follows in the same turn the sentences that only say these again (ADR 0022,
round 9: "call 999", "contact the council's homeless team now" and StreetLink's number
twice in one reply made the nowhere-tonight answer three phone screens).

A leaf: imports no action module but the phrasebook.
"""
from __future__ import annotations

from rasa_sdk import Tracker

from actions.phrasebook import Phrasebook
from knowledge.library import KnowledgeBase

# Most urgent first (safety.CATEGORIES): the reply leads with the most urgent need.
CRISIS_REPLIES = {
    "immediate_danger": "utter_crisis_immediate_danger",
    "suicidal": "utter_crisis_suicidal",
    "domestic_abuse": "utter_crisis_domestic_abuse",
    "child_at_risk": "utter_crisis_child_at_risk",
    "homeless_tonight": "utter_crisis_homeless_tonight",
    "illegal_eviction": "utter_crisis_illegal_eviction",
}
# The numbers each reply may name, from knowledge/content/contacts/national.yml.
NUMBERS = {
    "emergency": "national-emergency-999",
    "helpline": "national-domestic-abuse-helpline",
    "streetlink": "national-streetlink",
    "samaritans": "national-samaritans",
}
MAX_REPLIES = 2


def crisis_categories(tracker: Tracker) -> list[str]:
    """The categories this turn's crisis check found (the `crisis` and `crisis_also`
    slots, actions/safety.py), most urgent first; none on an ordinary message."""
    return [c for c in (tracker.get_slot("crisis"), tracker.get_slot("crisis_also")) if c]


def crisis_messages(phrases: Phrasebook, categories: list[str],
                    kb: KnowledgeBase | None = None) -> list[str]:
    """The replies for these categories, with numbers from the knowledge base."""
    if kb is None:
        from actions.services import knowledge_base  # the action server's, built once
        kb = knowledge_base()
    contacts = {c.id: c for c in kb.contacts(list(NUMBERS.values()))}
    numbers = {name: (contacts[cid].phone if cid in contacts and contacts[cid].phone else "")
               for name, cid in NUMBERS.items()}
    return [phrases.text(CRISIS_REPLIES[c], **numbers) for c in categories[:MAX_REPLIES]
            if c in CRISIS_REPLIES]
