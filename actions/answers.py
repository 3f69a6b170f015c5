"""Answering residents' questions from the knowledge base.

The NLU model recognises the question family (an intent); the article that
answers it, for the resident's council and as of today, comes from the
knowledge base (actions/answering.py, actions/article_replies.py). A closed scheme is
always answered as closed, with what replaced it. Messages the model did not understand
are searched for.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import article_replies
from actions.answering import answer_offering_sibling, answer_question, answer_with_article
from actions.article_replies import ENGLISH_PREFIX
from actions.continuations import council_told
from actions.phrasebook import Phrasebook
from actions.rendering import article_button
from actions.replies import offer_person, send_council_contacts
from actions.services import knowledge_base, today
from actions.turn import Turn
from actions.unanswered import note_unanswered
from bot.suggestions import close_suggestions, sibling_answer
from knowledge.entities import Article
from knowledge.library import SearchResult
from knowledge.sibling_questions import sibling_groups

MISUNDERSTANDINGS_BEFORE_OFFER = 2
# A message this short that names a place is the resident saying where they live.
PLACE_ONLY_WORDS = 4


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        council_id, events = turn.council_to_answer_for()
        return events + answer_question(turn, turn.intent, council_id)  # type: ignore[arg-type]


class ActionShowArticle(Action):
    """Show the article a resident picked from search results or related questions."""

    def name(self) -> str:
        return "action_show_article"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        article_id = next(tracker.get_latest_entity_values("article_id"), None) or ""
        if not article_id and not turn.text.startswith("/"):
            # Typed words taken for a pick ("what time does the library open") name no
            # article: they are a question the model did not understand.
            return search_knowledge(turn)
        in_english = article_id.startswith(ENGLISH_PREFIX)
        article_id = article_id.removeprefix(ENGLISH_PREFIX)
        article = turn.kb.article(article_id) if article_id else None
        if article is None:
            turn.say(turn.phrases.text("utter_question_not_found"))
            return []
        if in_english:
            # The English of a draft translation, this once; the conversation stays in
            # the resident's language.
            article_replies.render_article(turn, article, turn.council, language="en")
            return []
        return answer_with_article(turn, article, turn.council)


class ActionSearchKnowledge(Action):
    """A message the model did not understand: search the content before giving up."""

    def name(self) -> str:
        return "action_search_knowledge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        return search_knowledge(Turn.start(dispatcher, tracker, domain))


def search_knowledge(turn: Turn) -> list[EventType]:
    """Answer from a confident search result, or the question two sibling families
    share; otherwise say so (see `not_understood`)."""
    text = turn.text.strip()
    council_id, events = turn.council_to_answer_for()
    # "Tipton" or "B70 8AB" on its own is the resident telling us where they live.
    if events and len(text.split()) <= PLACE_ONLY_WORDS:
        return council_told(turn)
    result = turn.kb.search(text, council_id, language=turn.language or "en") if text else None
    if result and result.confident:
        return events + [SlotSet("misunderstood", 0.0)] + answer_with_article(
            turn, result.confident, council_id)
    # Unsure between two families that answer the same question: the likelier, with the
    # other one tap away (bot/suggestions.py, calibrated), rather than a list.
    siblings = sibling_answer(turn.tracker.latest_message.get("intent_ranking"),
                              sibling_groups())
    if siblings:
        return events + [SlotSet("misunderstood", 0.0)] + answer_offering_sibling(
            turn, *siblings, council_id)
    return events + not_understood(turn, result, council_id)


def not_understood(turn: Turn, result: SearchResult | None,
                   council_id: str | None) -> list[EventType]:
    """Articles that might answer it, or the council's contacts; after two
    misunderstandings in a row, stop guessing and offer a person."""
    phrases = turn.phrases
    misunderstood = misunderstood_in_a_row(turn.tracker) + 1
    if misunderstood >= MISUNDERSTANDINGS_BEFORE_OFFER:
        note_unanswered(turn, "not_understood", council=council_id)
        turn.say(phrases.text("utter_still_not_understood"))
        offer_person(turn)
        return [SlotSet("misunderstood", 0.0)]
    # Only suggestions the classifier finds close (bot/suggestions.py, calibrated).
    close = close_suggestions(result.matches, turn.tracker.latest_message.get(
        "intent_ranking")) if result else ()
    note_unanswered(turn, "low_confidence" if close else "not_understood",
                    close[0].topic if close else None, council_id)
    if close:
        language = turn.language or "en"
        turn.say(phrases.text("utter_search_results"),
                 buttons=[article_button(turn.kb.localise(a, language).article)
                          for a in close])
    else:
        turn.say(phrases.text("utter_fallback"))
        if council_id:
            send_council_contacts(turn, council_id)
    return [SlotSet("misunderstood", float(misunderstood))]


def misunderstood_in_a_row(tracker: Tracker) -> int:
    """How many misunderstandings came just before this message: the count stands only
    if the assistant's previous turn was itself a misunderstanding."""
    previous = [e for e in tracker.events if e.get("event") == "action"
                and e.get("name") not in ("action_listen", None)]
    if not previous or previous[-1].get("name") != "action_search_knowledge":
        return 0
    return int(tracker.get_slot("misunderstood") or 0)


def render_article(dispatcher: CollectingDispatcher, tracker: Tracker, phrases: Phrasebook,
                   article: Article, council_id: str | None,
                   language: str | None = None) -> None:
    """An article rendered outside a conversation: studio/preview.py shows drafts with it,
    setting `services.configure(...)` and this module's `today` to preview a day."""
    turn = Turn(dispatcher, tracker, phrases, knowledge_base(), today())
    article_replies.render_article(turn, article, council_id, language)
