"""A generated month of conversations and requests for a person, for tests and the
screenshots in docs/screenshots/insights-*.png. Nothing in it was said by anybody: every
message is "[generated]", and the mix of languages, councils and topics is made up (a
seeded random generator, so the same seed gives the same month).

    python -m insights sample --month 2026-11   # into the configured databases
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy.engine import Engine

from advice.models import (
    CALLBACK,
    CLAIMED,
    LIVE_CHAT,
    RESOLVED,
    RETURNED,
    URGENCY_RANK,
    WAITING,
    HandoffRequest,
)
from core.migrate import upgrade
from insights.catalogue import Catalogue, shipped_catalogue
from insights.rollup import EVENTS, councils

LANGUAGE_WEIGHTS = {"en": 40, "ur": 14, "pa": 9, "bn": 8, "pl": 9, "ar": 8, "so": 7, "ro": 5}
CRISIS_KINDS = ("homeless_tonight", "domestic_abuse", "illegal_eviction", "suicidal")


@dataclass
class Writer:
    """Events in Rasa's table shape, one conversation at a time."""

    rows: list[dict]
    sender: str
    clock: float

    def add(self, type_name: str, data: dict, intent: str | None = None,
            action: str | None = None, seconds: float = 5) -> None:
        self.clock += seconds
        data = {"event": type_name, "timestamp": self.clock, **data}
        self.rows.append({"sender_id": self.sender, "type_name": type_name,
                          "timestamp": self.clock, "intent_name": intent,
                          "action_name": action, "data": json.dumps(data)})

    def slot(self, name: str, value: object) -> None:
        self.add("slot", {"name": name, "value": value}, seconds=0.01)

    def user(self, intent: str, worker: bool, entities: list | None = None) -> None:
        metadata = {"worker_organisation": "Sample Advice Centre"} if worker else {}
        self.add("user", {"text": "[generated]", "metadata": metadata,
                          "parse_data": {"intent": {"name": intent},
                                         "entities": entities or []}}, intent=intent)

    def action(self, name: str) -> None:
        self.add("action", {"name": name}, action=name, seconds=0.5)


def generate_month(navigator: Engine, conversations: Engine, month: date, seed: int = 19,
                   per_day: tuple[int, int] = (12, 40), catalogue: Catalogue | None = None
                   ) -> int:
    """Write a month of generated conversations; returns how many."""
    catalogue = catalogue or shipped_catalogue()
    rng = random.Random(seed)
    intents = sorted(catalogue.intents)
    places = councils()
    EVENTS.create(conversations, checkfirst=True)
    upgrade(navigator)  # the advice and insights tables, as make migrate makes them
    rows: list[dict] = []
    cases: list[HandoffRequest] = []
    day, number = month.replace(day=1), 0
    while day.month == month.month:
        for _ in range(rng.randint(*per_day)):
            number += 1
            _conversation(rng, rows, cases, day, number, intents, places)
        day += timedelta(days=1)
    with conversations.begin() as connection:
        connection.execute(EVENTS.insert(), rows)
    with navigator.begin() as connection:
        for case in cases:
            connection.execute(HandoffRequest.__table__.insert().values(**case))
    return number


def _conversation(rng: random.Random, rows: list[dict], cases: list, day: date, number: int,
                  intents: list[str], places: list[str]) -> None:
    start = datetime.combine(day, time(7), tzinfo=timezone.utc) + \
        timedelta(minutes=rng.randint(0, 14 * 60))
    sender = f"sample-{day.isoformat()}-{number}"
    w = Writer(rows, sender, start.timestamp())
    language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    council = rng.choice(places + [None])
    worker = rng.random() < 0.12
    w.user("greet", worker)
    w.slot("language", language)
    if council:
        w.slot("council", council)
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.12:
            w.user("nlu_fallback", worker)
            w.action("action_search_knowledge")
        else:
            w.user(rng.choice(intents), worker)
            w.action("action_answer_question")
        w.add("bot", {"text": "[generated]"}, seconds=1)
    if rng.random() < 0.05:
        w.slot("crisis", rng.choice(CRISIS_KINDS))
    elif rng.random() < 0.05:
        w.slot("safety_check", rng.choice(CRISIS_KINDS))
    if rng.random() < 0.15:
        channel = LIVE_CHAT if rng.random() < 0.6 else CALLBACK
        w.user("request_human", worker)
        w.action("action_start_live_chat" if channel == LIVE_CHAT else "action_submit_callback")
        created = datetime.fromtimestamp(w.clock, tz=timezone.utc)
        claimed = created + timedelta(minutes=rng.choice((1, 3, 4, 8, 12, 25, 50, 180)))
        status = rng.choices((RESOLVED, RETURNED, CLAIMED, WAITING), weights=(6, 2, 1, 1))[0]
        cases.append({
            "reference": f"HN-S{number:05d}", "conversation_id": sender, "channel": channel,
            "council": council, "language": language, "urgency": "normal",
            "urgency_rank": URGENCY_RANK["normal"], "topic": None,
            "summary": "[generated]", "status": status,
            "interpreter_needed": language != "en" and rng.random() < 0.5,
            "adviser_gender": rng.choice(("woman", "man", "any")) if channel == CALLBACK else None,
            "created_at": created, "updated_at": created,
            "claimed_at": None if status == WAITING else claimed})
