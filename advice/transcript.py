"""A case's transcript for the adviser console: the resident's messages and the
assistant's replies from the conversation store, the advisers' messages from the
handoff records, in one timeline.

The assistant's replies are shown in the resident's language and, where the
reply was a fixed phrase, also in English, so an adviser who does not read the
resident's language can follow what the assistant already said.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, inspect, select
from sqlalchemy.engine import Engine

from advice.cases import messages
from bot.conversation_db import conversations_engine
from bot.translations import english_text
from core.clock import aware

MAX_EVENTS = 2000

# Rasa's SQL tracker store table, read-only (rasa/core/tracker_store.py, SQLEvent).
_events = Table("events", MetaData(), Column("id", Integer, primary_key=True),
                Column("sender_id", String(255)), Column("type_name", String(255)),
                Column("timestamp", Float), Column("intent_name", String(255)),
                Column("action_name", String(255)), Column("data", Text))


@dataclass
class Line:
    at: datetime
    speaker: str  # resident, assistant, adviser, status
    text: str
    english: str | None = None
    dir: str = "auto"


def conversation_lines(conversation_id: str, engine: Engine | None = None) -> list[Line]:
    engine = engine or conversations_engine()
    if not inspect(engine).has_table("events"):
        return []
    query = (select(_events.c.type_name, _events.c.timestamp, _events.c.data)
             .where(_events.c.sender_id == conversation_id,
                    _events.c.type_name.in_(("user", "bot")))
             .order_by(_events.c.id).limit(MAX_EVENTS))
    lines = []
    with engine.connect() as connection:
        for type_name, timestamp, data in connection.execute(query):
            event = json.loads(data or "{}")
            text = event.get("text") or ""
            if not text or (type_name == "user" and text.startswith("/")):
                continue  # button presses show as the assistant's next reply
            at = datetime.fromtimestamp(timestamp or 0, tz=timezone.utc)
            if type_name == "user":
                lines.append(Line(at, "resident", text))
                continue
            metadata = event.get("metadata") or {}
            english = metadata.get("english") or english_text(metadata.get("utter_action"))
            lines.append(Line(at, "assistant", text,
                              english if english and english != text else None))
    return lines


def case_transcript(handoff_id: int, conversation_id: str, advice: Engine,
                    conversations: Engine | None = None) -> list[Line]:
    lines = conversation_lines(conversation_id, conversations)
    for message in messages(advice, handoff_id):
        speaker = "adviser" if message.kind == "adviser" else "status"
        lines.append(Line(aware(message.created_at), speaker, message.text))
    lines.sort(key=lambda line: line.at)
    return lines
