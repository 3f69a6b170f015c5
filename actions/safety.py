"""Keeping people safe: the dialogue of the crisis check (slots and replies).

The check itself (`safety.assess`, in the safety/ package, free of Rasa) reads every
message, first, from `action_validate_slot_mappings` (actions/every_message.py), and
answers with one of three outcomes; this module records it in slots and replies:

1. danger: the numbers first, in the resident's language (999 first where there is
   danger), then the offer of a person. With an adviser in the conversation: the
   numbers, then "your adviser has been alerted"; the case goes to the top of the
   queue as a crisis (advice.cases.raise_to_crisis); no offer of a person, who is there.
2. concern: one short, kind check ("Are you safe right now?" Yes / No / Talk to a
   person), then the answer to what they asked (Rasa's reply follows in the same
   turn). "No" (the button, or a typed no to the check) gets that category's numbers.
3. ordinary: nothing is said here.
Numbers always come from the knowledge base's contacts.
"""
from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language_id import identifier
from actions.pending import CONTACT_COUNCIL, wait_for_council
from actions.crisis_replies import crisis_categories, crisis_messages
from actions.phrasebook import Phrasebook, say
from actions.replies import send_council_contacts
from actions.services import council_router, knowledge_base, today
from actions.turn import Turn, routing_from_message
from advice import advice_engine
from advice.cases import raise_to_crisis
from actions.crisis_content import assess  # the phrases as published in the studio
from knowledge.library import Answer
from safety import CONCERN, DANGER

log = logging.getLogger(__name__)

# Categories where the council's own housing team is part of the answer.
COUNCIL_CATEGORIES = {"homeless_tonight", "illegal_eviction", "domestic_abuse"}
# Answers that say "no, I am not safe" to the check asked on the previous message.
NOT_SAFE = "safety_check_not_safe"
TYPED_NO = "deny"
# How sure the language identifier must be before its language reads the message.
CLEAR_LANGUAGE = 0.8


def check_safety(tracker: Tracker) -> list[EventType]:
    """What this message shows, recorded in the `crisis`, `crisis_also` (outcome 1) and
    `safety_check` (outcome 2) slots. The replies are sent by `send_safety_reply`."""
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    asked = tracker.get_slot("safety_check")  # the check was asked on the previous message
    concern = None
    if intent == NOT_SAFE or (asked and intent == TYPED_NO):
        categories = [asked or "immediate_danger"]
    else:
        text = message.get("text") or ""
        found = assess(text, reading_language(tracker, text))
        categories = list(found.categories) if found.outcome == DANGER else []
        concern = found.categories[0] if found.outcome == CONCERN and found.categories else None
    return [SlotSet("crisis", categories[0] if categories else None),
            SlotSet("crisis_also", categories[1] if len(categories) > 1 else None),
            SlotSet("safety_check", concern)]


def reading_language(tracker: Tracker, text: str) -> str:
    """The language whose thresholds read this message. The crisis check runs before the
    language check, so on a first message the slot still holds the default: the message's
    own language is used when it is clear. Never fails the check: if the identifier
    cannot answer, the slot's language is used."""
    language = tracker.get_slot("language") or "en"
    if tracker.get_slot("language_locked"):
        return language
    try:
        found = identifier().identify(text)
    except Exception:  # noqa: BLE001 - the crisis check must go on without it
        return language
    return found.language if found.language and found.confidence >= CLEAR_LANGUAGE else language


def send_safety_reply(dispatcher: CollectingDispatcher, tracker: Tracker,
                      phrases: Phrasebook) -> list[EventType]:
    """The reply for what `check_safety` found: the numbers, the check, or nothing."""
    if tracker.get_slot("crisis"):
        return send_crisis_reply(dispatcher, tracker, phrases)
    if tracker.get_slot("safety_check") and not tracker.get_slot("with_adviser"):
        # The adviser reads the message themselves; the resident is asked only here.
        say(dispatcher, phrases.text("utter_safety_check"),
            buttons=phrases.buttons("utter_safety_check"))
    return []


def send_crisis_reply(dispatcher: CollectingDispatcher, tracker: Tracker,
                      phrases: Phrasebook) -> list[EventType]:
    """The numbers first; then the adviser alerted, or the offer of a person."""
    categories = crisis_categories(tracker)
    for message in crisis_messages(phrases, categories):
        say(dispatcher, message)
    alerted = alert_adviser(tracker, categories)
    if tracker.get_slot("with_adviser"):
        if alerted:
            say(dispatcher, phrases.text("utter_adviser_alerted"))
        return []
    return offer_person_after_crisis(dispatcher, tracker, phrases, categories)


def alert_adviser(tracker: Tracker, categories: list[str]) -> bool:
    """Raise the conversation's open request, if any, to a crisis at the top of the queue."""
    return raise_to_crisis(advice_engine(), tracker.sender_id, tuple(categories))


def offer_person_after_crisis(dispatcher: CollectingDispatcher, tracker: Tracker,
                              phrases: Phrasebook, categories: list[str]) -> list[EventType]:
    """The council's team where it is part of the answer, and a person one button away."""
    council_id = tracker.get_slot("council") or council_in_message(tracker)
    # Without a council, the answer right after may ask for it with the same seven buttons,
    # and choosing one gives that council's answer and numbers: two rows of the same seven
    # buttons, one under the other, was a question asked twice (round 13).
    if council_id or _needs_council(_answer_after(tracker, None)):
        if council_id and COUNCIL_CATEGORIES.intersection(categories) and \
                not _has_article(_answer_after(tracker, council_id)):
            say(dispatcher, phrases.text("utter_crisis_offer_person"))
            send_council_contacts(Turn.speaking(dispatcher, tracker, phrases), council_id)
        say(dispatcher, phrases.text("utter_talk_to_person_button"),
            buttons=phrases.buttons("utter_talk_to_person_button"))
        return []
    # Choosing a council from these buttons shows its contacts.
    say(dispatcher, phrases.text("utter_crisis_offer_person"),
        buttons=phrases.buttons("utter_ask_council"))
    return wait_for_council(CONTACT_COUNCIL)


def council_in_message(tracker: Tracker) -> str | None:
    """The council this very message names ("... changed the locks, I'm in Walsall"): the
    answer after the numbers is for it, so seven council buttons to choose from were a
    question already answered (round 9 of ADR 0024)."""
    try:
        return routing_from_message(tracker, council_router()).council
    except Exception:  # noqa: BLE001 - the numbers are out; in doubt, ask for the council
        log.exception("could not read the council from the message")
        return None


def _answer_after(tracker: Tracker, council_id: str | None) -> Answer | None:
    """The answer this message's question gets next in the same turn, for this council (or
    with none known), or None when there is no question or it cannot be looked up."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if not intent:
        return None
    try:
        return knowledge_base().answer_for(intent, council_id, today())
    except Exception:  # noqa: BLE001 - in doubt, the crisis reply keeps contacts and asks
        log.exception("could not tell which answer follows the crisis reply")
        return None


def _needs_council(answer: Answer | None) -> bool:
    """The answer after the numbers asks which council (actions/answering.py)."""
    return answer is not None and answer.needs_council


def _has_article(answer: Answer | None) -> bool:
    """The answer after the numbers is the council's article, which ends with that
    council's route (ADR 0022), so the crisis reply need not list the council's contacts
    first: listing them twice made the "nowhere to sleep tonight" reply 1,400-1,900
    characters, three phone screens."""
    return answer is not None and answer.article is not None

