"""Answering residents' questions from the knowledge base.

The NLU model recognises the question family (an intent); the article that
answers it, for the resident's council and as of today, comes from the
knowledge base. A closed scheme is always answered as closed, with what
replaced it. Messages the model did not understand are searched for.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.councils import ask_council, language_of, phrases_for, routing_from_message
from actions.phrasebook import Phrase, Phrasebook, say
from actions.rendering import (
    Message,
    article_button,
    article_message,
    follow_up_message,
    long_date,
)
from actions.services import knowledge_base, today
from knowledge.entities import Article

# Question families answered by something other than an article.
CONTACT_FAMILIES = ("contact_council",)
MISUNDERSTANDINGS_BEFORE_OFFER = 2


def render_article(dispatcher: CollectingDispatcher, tracker: Tracker, phrases: Phrasebook,
                   article: Article, council_id: str | None) -> None:
    """Send an article in the resident's language; a closed scheme is introduced as
    closed and followed by its successor."""
    kb = knowledge_base()
    language = language_of(tracker)
    day = today()
    messages: list[Message] = []
    if article.has_closed(day):
        successor = kb.article(article.successor) if article.successor else None
        closed_on = long_date(article.valid_until, language)  # type: ignore[arg-type]
        name = "utter_scheme_closed" if successor else "utter_scheme_closed_no_successor"
        shown = localised(phrases, article, language, messages)
        messages.append(Message(phrases.text(name, title=Phrase(shown.title, article.title),
                                             closed_on=closed_on)))
        messages.append(article_message(phrases, shown, [], language, original=article))
        if successor is not None and not successor.has_closed(day):
            article = successor
        else:
            _send(dispatcher, messages)
            return
    elif day < article.valid_from:
        messages.append(Message(phrases.text("utter_scheme_not_started", title=article.title,
                                             starts_on=long_date(article.valid_from, language))))
    contacts = kb.contacts(article.contacts)
    shown = localised(phrases, article, language, messages)
    messages.append(article_message(phrases, shown, contacts, language, original=article))
    related = [kb.localise(r, language).article
               for r in (kb.article(rid) for rid in article.related[:3])
               if r is not None and not r.has_closed(day)]
    follow_up = follow_up_message(phrases, article, kb.council(council_id), related)
    if follow_up:
        messages.append(follow_up)
    _send(dispatcher, messages)


def localised(phrases: Phrasebook, article: Article, language: str | None,
              messages: list[Message]) -> Article:
    """The article in the resident's language, or the English with a note saying why."""
    result = knowledge_base().localise(article, language)
    if result.translation == "outdated":
        messages.append(Message(phrases.text("utter_translation_outdated")))
    elif result.translation == "missing":
        messages.append(Message(phrases.text("utter_translation_missing")))
    return result.article


def _send(dispatcher: CollectingDispatcher, messages: list[Message]) -> None:
    for m in messages:
        dispatcher.utter_message(**m.as_kwargs())


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any],
                    intent: str, council_id: str | None) -> list[EventType]:
    """Answer one question family for a council, asking for the council if it matters."""
    phrases = phrases_for(domain, tracker)
    answer = knowledge_base().answer_for(intent, council_id, today())
    if answer.needs_council and not council_id:
        routing = routing_from_message(tracker)
        ask_council(dispatcher, phrases, routing if routing.ambiguous else None)
        return [SlotSet("pending_question", intent)]
    if answer.article is None:
        say(dispatcher, phrases.text("utter_no_article"))
        return [SlotSet("pending_question", None)]
    render_article(dispatcher, tracker, phrases, answer.article, council_id)
    return [SlotSet("pending_question", None)]


def answer_pending(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any],
                   pending: str, council_id: str) -> list[EventType]:
    """Answer the question that was waiting for the resident's council."""
    if pending in CONTACT_FAMILIES:
        from actions.contacts import send_council_contacts

        send_council_contacts(dispatcher, phrases_for(domain, tracker), council_id)
        return [SlotSet("pending_question", None)]
    return answer_question(dispatcher, tracker, domain, pending, council_id)


def council_for_turn(tracker: Tracker) -> tuple[str | None, list[EventType]]:
    """The council to answer for: named in this message, else remembered."""
    routing = routing_from_message(tracker)
    remembered = tracker.get_slot("council")
    if routing.council and routing.council != remembered:
        return routing.council, [SlotSet("council", routing.council)]
    return remembered, []


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        council_id, events = council_for_turn(tracker)
        return events + answer_question(dispatcher, tracker, domain, intent, council_id)


class ActionShowArticle(Action):
    """Show the article a resident picked from search results or related questions."""

    def name(self) -> str:
        return "action_show_article"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        phrases = phrases_for(domain, tracker)
        article_id = next(tracker.get_latest_entity_values("article_id"), None)
        article = knowledge_base().article(article_id) if article_id else None
        if article is None:
            say(dispatcher, phrases.text("utter_question_not_found"))
            return []
        council_id = tracker.get_slot("council")
        if article.intent and not article.applies_everywhere:
            # A council-specific article: answer for the resident's own council instead.
            return answer_question(dispatcher, tracker, domain, article.intent, council_id)
        render_article(dispatcher, tracker, phrases, article, council_id)
        return []


class ActionSearchKnowledge(Action):
    """A message the model did not understand: search the content before giving up."""

    def name(self) -> str:
        return "action_search_knowledge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        from actions.contacts import send_council_contacts

        phrases = phrases_for(domain, tracker)
        text = (tracker.latest_message.get("text") or "").strip()
        council_id, events = council_for_turn(tracker)
        # "Tipton" or "B70 8AB" on its own is the resident telling us where they live.
        if events and len(text.split()) <= 4:
            from actions.councils import ActionChooseCouncil

            return await ActionChooseCouncil().run(dispatcher, tracker, domain)
        language = language_of(tracker) or "en"
        result = knowledge_base().search(text, council_id, language=language) if text else None
        if result and result.confident:
            article = result.confident
            events.append(SlotSet("misunderstood", 0.0))
            if article.intent and not article.applies_everywhere:
                return events + answer_question(dispatcher, tracker, domain, article.intent,
                                                council_id)
            render_article(dispatcher, tracker, phrases, article, council_id)
            return events
        misunderstood = misunderstood_in_a_row(tracker) + 1
        events.append(SlotSet("misunderstood", float(misunderstood)))
        if misunderstood >= MISUNDERSTANDINGS_BEFORE_OFFER:
            # Two in a row: stop guessing and offer a person.
            from actions.handoff import offer_person

            say(dispatcher, phrases.text("utter_still_not_understood"))
            offer_person(dispatcher, tracker, domain)
            return events[:-1] + [SlotSet("misunderstood", 0.0)]
        if result and result.matches:
            kb = knowledge_base()
            say(
                dispatcher, phrases.text("utter_search_results"),
                buttons=[article_button(kb.localise(a, language).article)
                         for a in result.matches])
            return events
        say(dispatcher, phrases.text("utter_fallback"))
        if council_id:
            send_council_contacts(dispatcher, phrases, council_id)
        return events


def misunderstood_in_a_row(tracker: Tracker) -> int:
    """How many misunderstandings came just before this message: the count stands only
    if the assistant's previous turn was itself a misunderstanding."""
    previous = [e for e in tracker.events if e.get("event") == "action"
                and e.get("name") not in ("action_listen", None)]
    if not previous or previous[-1].get("name") != "action_search_knowledge":
        return 0
    return int(tracker.get_slot("misunderstood") or 0)
