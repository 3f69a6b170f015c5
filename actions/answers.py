"""Answering residents' questions from the knowledge base.

The NLU model recognises the question family (an intent); the article that
answers it, for the resident's council and as of today, comes from the
knowledge base. A closed scheme is always answered as closed, with what
replaced it. Messages the model did not understand are searched for.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.councils import ask_council, language_of, phrases_for, routing_from_message
from actions.phrasebook import Phrase, Phrasebook, english_of, say
from actions.rendering import (
    Message,
    article_button,
    article_message,
    contacts_message,
    dated,
    follow_up_message,
    long_date,
    scheme_mention,
    with_scheme_mentions,
)
from actions.services import knowledge_base, today
from knowledge.entities import Article
from knowledge.library import KnowledgeBase, hold_back_days

# Question families answered by something other than an article.
CONTACT_FAMILIES = ("contact_council",)
# "Read it in English" under a draft translation: /choose_article{"article_id": "en:eco4"}.
ENGLISH_PREFIX = "en:"
MISUNDERSTANDINGS_BEFORE_OFFER = 2


def render_article(dispatcher: CollectingDispatcher, tracker: Tracker, phrases: Phrasebook,
                   article: Article, council_id: str | None,
                   language: str | None = None) -> None:
    """Send an article in the resident's language (or `language`); a closed scheme is
    introduced as closed and followed by its successor; an answer long past review, or
    relying on repealed law, is held back in favour of the council and an adviser."""
    kb = knowledge_base()
    language = language or language_of(tracker)
    day = today()
    messages: list[Message] = []
    if article.has_closed(day):
        article = closed_scheme(phrases, article, language, messages)
        if article is None:
            _send(dispatcher, messages)
            return
    if day < article.valid_from:
        messages.append(Message(phrases.text("utter_scheme_not_started", title=article.title,
                                             starts_on=long_date(article.valid_from, language))))
    if article.held_back(day, hold_back_days()) or kb.repealed_law(article, day):
        _send(dispatcher, messages + held_back_messages(phrases, article, council_id, language))
        return
    if article.review_overdue(day):
        messages.append(Message(phrases.text("utter_review_overdue",
                                             checked=dated(article.last_checked, language))))
    shown, note = localised(phrases, article, language, messages)
    shown, original = mentions(phrases, shown, language), mentions(phrases, article, "en")
    contacts = kb.contacts(article.contacts)
    messages.append(article_message(phrases, shown, contacts, language, original=original))
    messages.extend(note)
    related = [kb.localise(r, language).article
               for r in (kb.article(rid) for rid in article.related[:3])
               if r is not None and not r.has_closed(day)]
    follow_up = follow_up_message(phrases, article, kb.council(council_id), related)
    if follow_up:
        messages.append(follow_up)
    _send(dispatcher, messages)


def closed_scheme(phrases: Phrasebook, article: Article, language: str | None,
                  messages: list[Message]) -> Article | None:
    """Say the scheme has closed and show it; the first open scheme in its line of
    successors to answer with next, or none (then the resident is not promised one)."""
    successor = first_open_successor(knowledge_base(), article, today())
    closed_on = long_date(article.valid_until, language)  # type: ignore[arg-type]
    name = "utter_scheme_closed" if successor else "utter_scheme_closed_no_successor"
    shown, _ = localised(phrases, article, language, messages)
    messages.append(Message(phrases.text(name, title=Phrase(shown.title, article.title),
                                         closed_on=closed_on)))
    messages.append(article_message(phrases, mentions(phrases, shown, language), [],
                                    language, original=mentions(phrases, article, "en")))
    return successor


def first_open_successor(kb: KnowledgeBase, article: Article, day: date) -> Article | None:
    """Follow `successor` links past schemes that have closed too (Community Green Grants
    -> Community Environment Fund, itself closed -> where to look now), stopping at a loop."""
    seen = {article.id}
    following = kb.article(article.successor) if article.successor else None
    while following is not None and following.has_closed(day):
        if not following.successor or following.successor in seen:
            return None
        seen.add(following.id)
        following = kb.article(following.successor)
    return following


def localised(phrases: Phrasebook, article: Article, language: str | None,
              messages: list[Message]) -> tuple[Article, list[Message]]:
    """The article in the resident's language, or the English with a note saying why;
    and, for a translation no speaker has checked yet, a note to send after it."""
    result = knowledge_base().localise(article, language)
    if result.translation == "outdated":
        messages.append(Message(phrases.text("utter_translation_outdated")))
    elif result.translation == "missing":
        messages.append(Message(phrases.text("utter_translation_missing")))
    if result.translation == "current" and result.status == "draft":
        payload = "/choose_article" + json.dumps({"article_id": ENGLISH_PREFIX + article.id})
        button = {"title": str(phrases.text("utter_show_english")), "payload": payload}
        return result.article, [Message(phrases.text("utter_translation_draft"), [button])]
    return result.article, []


def mentions(phrases: Phrasebook, article: Article, language: str | None) -> Article:
    """Schemes named in the text ({scheme:eco4}) described from their own dates."""
    kb, day = knowledge_base(), today()

    def describe(scheme_id: str) -> str | None:
        scheme = kb.article(scheme_id)
        if scheme is None:
            return None
        said = scheme_mention(phrases, scheme, day, language)
        return english_of(said) if language == "en" else str(said)
    return with_scheme_mentions(article, describe)


def held_back_messages(phrases: Phrasebook, article: Article, council_id: str | None,
                       language: str | None) -> list[Message]:
    """Instead of an answer too old to trust: the council's contacts and an adviser."""
    from actions.contacts import COUNCIL_SERVICES

    kb = knowledge_base()
    title = kb.localise(article, language).article.title
    intro = phrases.text("utter_answer_held_back", title=Phrase(title, article.title),
                         checked=dated(article.last_checked, language))
    services = COUNCIL_SERVICES if council_id else ("advice",)
    contacts = kb.contacts_for(council_id, services)
    return [contacts_message(phrases, contacts, intro),
            Message(phrases.text("utter_needs_adviser"), phrases.buttons("utter_needs_adviser"))]


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
        article_id = next(tracker.get_latest_entity_values("article_id"), None) or ""
        in_english = article_id.startswith(ENGLISH_PREFIX)
        article_id = article_id.removeprefix(ENGLISH_PREFIX)
        article = knowledge_base().article(article_id) if article_id else None
        if article is None:
            say(dispatcher, phrases.text("utter_question_not_found"))
            return []
        council_id = tracker.get_slot("council")
        if in_english:
            # The English of a draft translation, this once; the conversation stays in
            # the resident's language.
            render_article(dispatcher, tracker, phrases, article, council_id, language="en")
            return []
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
