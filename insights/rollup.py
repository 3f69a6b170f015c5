"""The daily roll-up: count each day's conversations and requests for a person into the
insights tables, so the 90-day deletion of conversations loses no evidence.

Idempotent: a day is rolled up by deleting its rows and writing them again in one
transaction, so running twice, or two processes at once, gives the same counts. The last
REFRESH_DAYS days are counted again on every run (a case opened on Monday may be claimed
on Tuesday); older days once. `rebuild_day` recounts one day on request, and refuses a
day whose conversations may already be deleted, which would replace evidence with less.

Runs before every retention purge (ops/retention.py) and from `python -m insights rollup`.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from typing import Iterable

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, func, \
    inspect, select
from sqlalchemy.engine import Connection, Engine

from advice.accounts import known_councils
from advice.models import RESOLVED, RETURNED, HandoffRequest
from core.clock import aware, now
from core.settings import Settings
from core.storage import conversations_engine, navigator_engine
from insights.catalogue import Catalogue, shipped_catalogue
from insights.conversations import Event, count_day
from insights.models import (
    DAILY_TABLES,
    UNKNOWN,
    ClaimTimeCount,
    ConversationCount,
    DemandCount,
    HandoffCount,
    RolledUpDay,
    SafetyCount,
)
from knowledge.languages import LANGUAGES

REFRESH_DAYS = 14
# Bands for the time a request waited to be claimed, in minutes (upper edges); the last
# band holds everything longer than a day.
CLAIM_BANDS = (1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440, 10080)
GENDERS = ("woman", "man", "any")

# Rasa's events table as SQLTrackerStore makes it (read here; written only by Rasa, and
# by insights/sample.py for tests and screenshots).
_rasa = MetaData()
EVENTS = Table("events", _rasa,
               Column("id", Integer, primary_key=True, autoincrement=True),
               Column("sender_id", String(255), nullable=False, index=True),
               Column("type_name", String(255), nullable=False),
               Column("timestamp", Float),
               Column("intent_name", String(255)),
               Column("action_name", String(255)),
               Column("data", Text))


class RebuildRefused(ValueError):
    """A day whose conversations may already be deleted: rebuilding would lose evidence."""


def councils() -> list[str]:
    return list(known_councils())


def _bounds(day: date) -> tuple[float, float]:
    start = datetime.combine(day, time(), tzinfo=timezone.utc)
    return start.timestamp(), (start + timedelta(days=1)).timestamp()


def day_events(conversations: Engine, day: date) -> list[Event]:
    """Every event up to the end of `day` of the conversations with an event on `day`."""
    if not inspect(conversations).has_table("events"):
        return []
    start, end = _bounds(day)
    active = select(EVENTS.c.sender_id).where(EVENTS.c.timestamp >= start,
                                              EVENTS.c.timestamp < end).distinct()
    query = (select(EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp,
                    EVENTS.c.intent_name, EVENTS.c.action_name, EVENTS.c.data)
             .where(EVENTS.c.sender_id.in_(active), EVENTS.c.timestamp < end)
             .order_by(EVENTS.c.sender_id, EVENTS.c.id))
    with conversations.connect() as connection:
        return [Event.from_row(*row) for row in connection.execute(query)]


def roll_up_day(navigator: Engine, conversations: Engine, day: date,
                catalogue: Catalogue | None = None) -> int:
    """Replace `day`'s counts with counts from the records as they are now; returns how
    many conversations were counted."""
    counts = count_day(day_events(conversations, day), day, catalogue or shipped_catalogue(),
                       councils(), LANGUAGES)
    with navigator.begin() as connection:
        cases = _cases(connection, day)
        for table in DAILY_TABLES:
            connection.execute(delete(table).where(table.day == day))
        _insert(connection, DemandCount.__table__, day, counts.questions,
                ("council", "language", "topic", "outcome", "worker_mode", "closed_scheme"),
                "questions")
        _insert(connection, ConversationCount.__table__, day, counts.conversations,
                ("council", "language", "worker_mode"), "conversations")
        _insert(connection, SafetyCount.__table__, day, counts.safety,
                ("council", "language", "kind", "tier"), "messages")
        _write_cases(connection, day, cases)
        conversations_counted = sum(counts.conversations.values())
        connection.execute(delete(RolledUpDay).where(RolledUpDay.day == day))
        connection.execute(RolledUpDay.__table__.insert().values(
            day=day, rolled_at=now(), conversations=conversations_counted))
    return conversations_counted


def _insert(connection: Connection, table: Table, day: date, counter: Counter,
            names: tuple[str, ...], measure: str) -> None:
    rows = [{"day": day, **dict(zip(names, key)), measure: n} for key, n in counter.items() if n]
    if rows:
        connection.execute(table.insert(), rows)


def _cases(connection: Connection, day: date) -> list:
    start, end = (datetime.fromtimestamp(b, tz=timezone.utc) for b in _bounds(day))
    if not inspect(connection).has_table(HandoffRequest.__tablename__):
        return []
    return list(connection.execute(select(
        HandoffRequest.council, HandoffRequest.language, HandoffRequest.channel,
        HandoffRequest.interpreter_needed, HandoffRequest.adviser_gender,
        HandoffRequest.status, HandoffRequest.created_at, HandoffRequest.claimed_at)
        .where(HandoffRequest.created_at >= start, HandoffRequest.created_at < end)))


def claim_band(minutes: float) -> int:
    """The band a wait falls in: the first upper edge it does not exceed."""
    for edge in CLAIM_BANDS:
        if minutes <= edge:
            return edge
    return CLAIM_BANDS[-1] + 1


def _write_cases(connection: Connection, day: date, cases: Iterable) -> None:
    known = set(councils())
    outcomes: Counter = Counter()
    waits: Counter = Counter()
    for case in cases:
        council = case.council if case.council in known else UNKNOWN
        language = case.language if case.language in LANGUAGES else UNKNOWN
        gender = case.adviser_gender if case.adviser_gender in GENDERS else UNKNOWN
        key = (council, language, case.channel, bool(case.interpreter_needed), gender)
        claimed = case.claimed_at is not None
        outcomes[key + ("requested",)] += 1
        outcomes[key + ("claimed",)] += claimed
        outcomes[key + ("resolved",)] += case.status == RESOLVED
        outcomes[key + ("returned",)] += case.status == RETURNED
        if claimed:
            wait = (aware(case.claimed_at) - aware(case.created_at)).total_seconds() / 60
            waits[(council, language, claim_band(max(0.0, wait)))] += 1
    grouped: dict[tuple, dict[str, int]] = {}
    for (*key, measure), n in outcomes.items():
        grouped.setdefault(tuple(key), {})[measure] = n
    rows = [{"day": day, "council": k[0], "language": k[1], "channel": k[2],
             "interpreter_needed": k[3], "adviser_gender": k[4], **m} for k, m in grouped.items()]
    if rows:
        connection.execute(HandoffCount.__table__.insert(), rows)
    _insert(connection, ClaimTimeCount.__table__, day, waits,
            ("council", "language", "within_minutes"), "claims")


def first_day(navigator: Engine, conversations: Engine) -> date | None:
    """The earliest day anything was recorded (an event or a request for a person)."""
    found = []
    if inspect(conversations).has_table("events"):
        with conversations.connect() as connection:
            earliest = connection.scalar(select(func.min(EVENTS.c.timestamp)))
        if earliest is not None:
            found.append(datetime.fromtimestamp(earliest, tz=timezone.utc).date())
    if inspect(navigator).has_table(HandoffRequest.__tablename__):
        with navigator.connect() as connection:
            opened = connection.scalar(select(func.min(HandoffRequest.created_at)))
        if opened is not None:
            found.append(aware(opened).date())
    return min(found) if found else None


def roll_up_pending(navigator: Engine, conversations: Engine, today: date | None = None,
                    retention_days: int = 90, catalogue: Catalogue | None = None) -> list[date]:
    """Roll up every finished day not rolled up yet, and the last REFRESH_DAYS days again
    (never past what retention keeps). Returns the days rolled up."""
    today = today or now().date()
    start = first_day(navigator, conversations)
    if start is None:
        return []
    with navigator.connect() as connection:
        done = set(connection.scalars(select(RolledUpDay.day)))
    refresh_from = today - timedelta(days=min(REFRESH_DAYS, max(1, retention_days - 2)))
    rolled = []
    day = start
    while day < today:
        if day not in done or day >= refresh_from:
            roll_up_day(navigator, conversations, day, catalogue)
            rolled.append(day)
        day += timedelta(days=1)
    return rolled


def rebuild_day(navigator: Engine, conversations: Engine, day: date, today: date | None = None,
                retention_days: int = 90, catalogue: Catalogue | None = None) -> int:
    """Count one day again from its records (after a fix to the counting). Refused when the
    retention purge may have deleted some of that day's conversations already."""
    today = today or now().date()
    if day >= today:
        raise RebuildRefused(f"{day} is not over yet; days are rolled up once they end.")
    if day < today - timedelta(days=retention_days - 1):
        raise RebuildRefused(
            f"{day} is older than the {retention_days} days conversations are kept: its "
            "conversations may be deleted, and rebuilding would replace its counts with fewer.")
    return roll_up_day(navigator, conversations, day, catalogue)


def roll_up_before_purge(settings: Settings) -> list[date]:
    """What ops/retention.py runs before each purge: the configured databases, rolled up."""
    return roll_up_pending(navigator_engine(settings), conversations_engine(settings),
                           retention_days=settings.retention_days)
