"""One day of conversations, counted: what residents asked, in which language and council,
and what became of each question. Pure functions over Rasa's stored events (already
redacted by bot/stores.py); insights/rollup.py reads the events and writes the counts.

How a conversation is counted on a day (docs/adr/0019-insights.md says why):
- it counts once on each day it has a resident's message, under the council and language
  its slots hold at its last event that day (no council yet: "unknown"; the language slot
  starts as English), and in worker mode when any of that day's messages came from the
  page's community-worker mode;
- a question is a resident's message whose intent an article answers, a chosen article, or
  a message not understood (nlu_fallback). What became of it is read from what happened
  before the next question: a request for a person made (live chat or callback) is
  "handed over"; a message not understood, or the assistant's fallback search, is "fell
  back"; anything else is "answered";
- a crisis reply (the `crisis` and `crisis_also` slots) counts under tier "danger", a
  safety check ("Are you safe right now?", the `safety_check` slot) under "concern", by
  kind; nothing of the message is kept.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Iterable

from insights.catalogue import Catalogue
from insights.models import UNKNOWN

ANSWERED, FELL_BACK, HANDED_OVER = "answered", "fell_back", "handed_over"
OUTCOMES = (ANSWERED, FELL_BACK, HANDED_OVER)
DANGER, CONCERN = "danger", "concern"
HANDOFF_ACTIONS = frozenset({"action_start_live_chat", "action_submit_callback"})
FALLBACK_ACTIONS = frozenset({"action_default_fallback", "action_search_knowledge"})
CRISIS_SLOTS = {"crisis": DANGER, "crisis_also": DANGER, "safety_check": CONCERN}
DEFAULT_LANGUAGE = "en"  # the language slot's initial value (bot/domain/conversation.yml)


@dataclass(frozen=True)
class Event:
    """One row of Rasa's `events` table, with its JSON read."""

    sender_id: str
    type_name: str
    timestamp: float
    intent_name: str | None = None
    action_name: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, sender_id: str, type_name: str, timestamp: float,
                 intent_name: str | None, action_name: str | None, data: str | None) -> "Event":
        try:
            parsed = json.loads(data or "{}")
        except ValueError:
            parsed = {}
        return cls(sender_id, type_name, float(timestamp), intent_name, action_name,
                   parsed if isinstance(parsed, dict) else {})

    @property
    def day(self) -> date:
        return datetime.fromtimestamp(self.timestamp, tz=timezone.utc).date()


@dataclass
class DayCounts:
    """Counts for one day, keyed as the tables in insights/models.py are."""

    questions: Counter = field(default_factory=Counter)  # (council, language, topic,
    #                                   outcome, worker_mode, closed_scheme) -> questions
    conversations: Counter = field(default_factory=Counter)  # (council, language, worker)
    safety: Counter = field(default_factory=Counter)  # (council, language, kind, tier)


@dataclass
class _Question:
    topic: str
    worker: bool
    closed: bool
    outcome: str = ANSWERED


def count_day(events: Iterable[Event], day: date, catalogue: Catalogue,
              councils: Iterable[str], languages: Iterable[str]) -> DayCounts:
    """Counts for `day` from the events of the conversations active that day (each
    conversation's earlier events too, for the slots they set; later ones are ignored)."""
    by_conversation: dict[str, list[Event]] = {}
    for event in events:
        by_conversation.setdefault(event.sender_id, []).append(event)
    known_councils, known_languages = set(councils), set(languages)
    counts = DayCounts()
    for conversation in by_conversation.values():
        _count_conversation(conversation, day, catalogue, known_councils, known_languages,
                            counts)
    return counts


def _count_conversation(events: list[Event], day: date, catalogue: Catalogue,
                        councils: set[str], languages: set[str], counts: DayCounts) -> None:
    slots: dict[str, Any] = {"language": DEFAULT_LANGUAGE}
    questions: list[_Question] = []
    dangers: list[tuple[str, str]] = []
    worker = spoke = False
    for event in events:
        if event.day > day:
            break
        if event.type_name == "slot" and event.data.get("name") is not None:
            slots[event.data["name"]] = event.data.get("value")
        if event.day < day:
            continue
        if event.type_name == "slot" and event.data.get("name") in CRISIS_SLOTS \
                and event.data.get("value"):
            dangers.append((str(event.data["value"])[:24], CRISIS_SLOTS[event.data["name"]]))
        elif event.type_name == "user":
            spoke = True
            from_worker = bool((event.data.get("metadata") or {}).get("worker_organisation"))
            worker = worker or from_worker
            question = _question(event, day, catalogue, from_worker)
            if question is not None:
                questions.append(question)
        elif event.type_name == "action" and questions:
            if event.action_name in HANDOFF_ACTIONS:
                questions[-1].outcome = HANDED_OVER
            elif event.action_name in FALLBACK_ACTIONS and questions[-1].outcome == ANSWERED:
                questions[-1].outcome = FELL_BACK
    if not spoke:
        return
    council = slots.get("council") if slots.get("council") in councils else UNKNOWN
    language = slots.get("language") if slots.get("language") in languages else UNKNOWN
    counts.conversations[(council, language, worker)] += 1
    for q in questions:
        counts.questions[(council, language, q.topic, q.outcome, q.worker, q.closed)] += 1
    for kind, tier in dangers:
        counts.safety[(council, language, kind, tier)] += 1


def _question(event: Event, day: date, catalogue: Catalogue, worker: bool) -> _Question | None:
    article_id = _article_id(event)
    topic = catalogue.topic_of(event.intent_name, article_id)
    if topic is None:
        return None
    outcome = FELL_BACK if event.intent_name == "nlu_fallback" else ANSWERED
    return _Question(topic, worker, catalogue.about_closed_scheme(event.intent_name,
                                                                  article_id, day), outcome)


def _article_id(event: Event) -> str | None:
    """The article a resident chose from a list (the `article_id` entity of choose_article)."""
    if event.intent_name != "choose_article":
        return None
    for entity in (event.data.get("parse_data") or {}).get("entities") or []:
        if isinstance(entity, dict) and entity.get("entity") == "article_id":
            return str(entity.get("value"))
    return None
