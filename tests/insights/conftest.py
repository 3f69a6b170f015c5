"""Insights fixtures: the advice and insights tables and Rasa's events table on a fresh
database (SQLite, and PostgreSQL when reachable); one database holds all three, as it does
when DATABASE_URL is set."""
from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy.engine import Engine

from core.migrate import upgrade
from insights.rollup import EVENTS

DAY = date(2026, 11, 10)


@pytest.fixture
def db(any_engine) -> Engine:
    upgrade(any_engine)
    EVENTS.create(any_engine, checkfirst=True)
    return any_engine


class Conversation:
    """Events of one conversation in Rasa's table shape, at given moments."""

    def __init__(self, engine: Engine, sender: str):
        self.engine, self.sender = engine, sender

    def at(self, day: date, hour: int, minute: int = 0) -> float:
        return datetime.combine(day, time(hour, minute), tzinfo=timezone.utc).timestamp()

    def add(self, when: float, type_name: str, data: dict, intent: str | None = None,
            action: str | None = None) -> "Conversation":
        with self.engine.begin() as connection:
            connection.execute(EVENTS.insert().values(
                sender_id=self.sender, type_name=type_name, timestamp=when,
                intent_name=intent, action_name=action,
                data=json.dumps({"event": type_name, "timestamp": when, **data})))
        return self

    def slot(self, when: float, name: str, value) -> "Conversation":
        return self.add(when, "slot", {"name": name, "value": value})

    def user(self, when: float, intent: str, worker: bool = False, entities=None) -> "Conversation":
        metadata = {"worker_organisation": "Centre"} if worker else {}
        return self.add(when, "user", {"text": "[removed]", "metadata": metadata,
                                       "parse_data": {"intent": {"name": intent},
                                                      "entities": entities or []}},
                        intent=intent)

    def action(self, when: float, name: str) -> "Conversation":
        return self.add(when, "action", {"name": name}, action=name)


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.utc)


__all__ = ["Conversation", "DAY", "moment", "timedelta"]
