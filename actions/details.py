""""More detail": the rest of the last answer, on request.

The first reply to a question is short enough for a phone (actions/answer_shape.py). The
"More detail" button (/more_detail) asks for the rest: the full text, every step and
contact with its notes, every source with its address, and the related questions. The
chat page shows the same text in a disclosure (`custom.detail`) without asking; REST
clients and messaging channels ask with the button.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_shape import detail_text, full_sources
from actions.answering import LAST_ANSWER, answered_before
from actions.article_replies import localised, mentions, related_articles
from actions.phrasebook import joined
from actions.rendering import Message, article_button
from actions.turn import Turn


class ActionMoreDetail(Action):
    """Send the full text of the answer the resident last had."""

    def name(self) -> str:
        return "action_more_detail"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        turn = Turn.start(dispatcher, tracker, domain)
        article_id, _council = answered_before(tracker.get_slot(LAST_ANSWER))
        article = turn.kb.article(article_id) if article_id else None
        if article is None:
            turn.say(turn.phrases.text("utter_no_detail"))
            return []
        send_detail(turn, article)
        return []


def send_detail(turn: Turn, article: Any) -> None:
    """The article's detail and sources as one message, related questions as buttons."""
    language = turn.language
    notes: list[Message] = []
    shown, _draft = localised(turn, article, language, notes)
    shown, original = mentions(turn, shown, language), mentions(turn, article, "en")
    text = joined("\n\n", [detail_text(turn, shown, original, language),
                           full_sources(turn.phrases, article, language)])
    buttons = [article_button(r) for r in related_articles(turn, article, language)]
    turn.send([Message(text, buttons)])
