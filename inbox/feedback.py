"""Which question a "Did this help? No" is about, read from the stored conversation.

The page sends only the answer's article id; the question is taken from the conversation
the resident's token proves is theirs (Rasa's events, stored redacted by bot/stores.py).
So nobody can post a text of their choosing into the inbox, and the page never resends
what the resident typed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine

from insights.conversations import Event
from insights.rollup import EVENTS

LAST_ANSWER = "last_answer"  # actions/answering.py: "article|council"


@dataclass(frozen=True)
class Asked:
    """The resident's question behind an answer, with what the conversation knew then."""

    text: str
    language: str | None
    council: str | None


def question_behind(events: Iterable[Event], article_id: str) -> Asked | None:
    """The last typed message (not a button's /payload) before the latest answer with
    `article_id`, and the language and council slots at that moment."""
    slots: dict[str, object] = {}
    typed: str | None = None
    found: Asked | None = None
    for event in events:
        if event.type_name == "user":
            text = str(event.data.get("text") or "")
            if text and not text.startswith("/"):
                typed = text
        elif event.type_name == "slot":
            name, value = event.data.get("name"), event.data.get("value")
            slots[str(name)] = value
            if name == LAST_ANSWER and str(value or "").split("|")[0] == article_id and typed:
                found = Asked(typed, _text(slots.get("language")), _text(slots.get("council")))
    return found


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def conversation_events(conversations: Engine, sender_id: str) -> list[Event]:
    """One conversation's stored events, in order."""
    if not inspect(conversations).has_table("events"):
        return []
    query = (select(EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp,
                    EVENTS.c.intent_name, EVENTS.c.action_name, EVENTS.c.data)
             .where(EVENTS.c.sender_id == sender_id).order_by(EVENTS.c.id))
    with conversations.connect() as connection:
        return [Event.from_row(*row) for row in connection.execute(query)]
