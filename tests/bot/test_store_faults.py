"""Issue 17: no conversation history lost when PostgreSQL drops its connections.

On a private PostgreSQL database of the test's own, connections are refused and every
open one terminated (pg_terminate_backend, as `python -m ops.bench faults` does), which is
what a restart or fail-over does to the clients. A drop shorter than the store's retries is
ridden out: the turn is saved whole. A longer one fails the turn through Rasa's own
FailSafeTrackerStore (as the Agent builds it) instead of Rasa starting the conversation
afresh or keeping the turn in memory. Skipped, with the reason, when PostgreSQL is not
reachable here.
"""
from __future__ import annotations

import asyncio
import threading
import time
import uuid
from typing import Iterator

import pytest
from rasa.core.agent import Agent
from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot import rasa_caches
from bot.stores import ConversationStoreUnavailable, NavigatorTrackerStore, watch_message
from core.settings import Settings
from tests.conftest import POSTGRES_URL, ROOT, _postgres_reachable

pytestmark = pytest.mark.postgres


class PrivateDatabase:
    """A database of the test's own, so refusing its connections disturbs nobody."""

    def __init__(self) -> None:
        self.name = f"hn_store_faults_{uuid.uuid4().hex[:10]}"
        self.url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + self.name
        self.admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")

    def _run(self, sql: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def create(self) -> None:
        self._run(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        self._run(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true')
        self._run(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.admin.dispose()

    def refuse(self) -> None:
        """New connections refused, open ones terminated: the database is away."""
        self._run(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false')
        with self.admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :name"), {"name": self.name})

    def allow(self) -> None:
        self._run(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true')

    def away_for(self, seconds: float) -> threading.Thread:
        """Away now, back after `seconds` (in a thread, while the store works)."""
        self.refuse()
        back = threading.Timer(seconds, self.allow)
        back.start()
        return back


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture
def database() -> Iterator[PrivateDatabase]:
    reason = _postgres_reachable()
    if reason:
        pytest.skip(reason)
    db = PrivateDatabase()
    db.create()
    try:
        yield db
    finally:
        db.drop()


def _turn(tracker: DialogueStateTracker, number: int) -> DialogueStateTracker:
    tracker.update(UserUttered(f"message {number}", intent={"name": "greet"}))
    tracker.update(ActionExecuted("utter_greet"))
    return tracker


def _as_rasa_builds_it(store: NavigatorTrackerStore, domain: Domain) -> TrackerStore:
    """The store inside Rasa's FailSafeTrackerStore, built by Rasa's Agent (with the
    guard of bot/rasa_caches.py installed by the store, as in the Rasa process)."""
    wrapped = Agent._create_tracker_store(store, domain)
    assert isinstance(wrapped, FailSafeTrackerStore)
    return wrapped


def _messages(tracker: DialogueStateTracker | None) -> list[str]:
    return [e.text for e in tracker.events if isinstance(e, UserUttered)] if tracker else []


def test_a_short_drop_is_ridden_out_and_the_turn_saved_whole(database, domain):
    store = NavigatorTrackerStore(domain=domain, settings=Settings(database_url=database.url))
    wrapped = _as_rasa_builds_it(store, domain)
    sender = f"fault-{uuid.uuid4().hex}"
    first = _turn(DialogueStateTracker.from_events(sender, [], domain.slots), 0)
    asyncio.run(wrapped.save(first))
    back = database.away_for(1.5)
    began = time.monotonic()
    second = asyncio.run(wrapped.retrieve(sender))  # tried again until the database is back
    assert time.monotonic() - began >= 1.0
    asyncio.run(wrapped.save(_turn(second, 1)))
    back.join()
    again = asyncio.run(NavigatorTrackerStore(
        domain=domain, settings=Settings(database_url=database.url)).retrieve(sender))
    assert _messages(again) == ["message 0", "message 1"]


def test_a_long_drop_fails_the_turn_instead_of_forgetting_the_conversation(database, domain):
    store = NavigatorTrackerStore(domain=domain, settings=Settings(database_url=database.url))
    store.retry_pauses = (0.1, 0.2)  # the same logic, given up sooner than the 8 s default
    wrapped = _as_rasa_builds_it(store, domain)
    sender = f"fault-{uuid.uuid4().hex}"
    tracker = _turn(DialogueStateTracker.from_events(sender, [], domain.slots), 0)
    asyncio.run(wrapped.save(tracker))
    database.refuse()
    try:
        watch = watch_message()
        # Rasa's wrapper used to answer None (a new conversation) and save to memory.
        with pytest.raises(ConversationStoreUnavailable):
            asyncio.run(wrapped.retrieve(sender))
        assert watch.gave_up
        began = time.monotonic()
        with pytest.raises(ConversationStoreUnavailable):  # once the store gave up: one try
            asyncio.run(wrapped.save(_turn(tracker, 1)))
        assert time.monotonic() - began < 0.1 + 1.0
        assert not isinstance(wrapped, FailSafeTrackerStore) \
            or wrapped._fallback_tracker_store is None  # nothing kept in memory
    finally:
        database.allow()
    assert _messages(asyncio.run(wrapped.retrieve(sender))) == ["message 0"]


def test_rasas_own_wrapper_swallows_the_failure_without_the_guard(database, domain):
    """Why the guard exists: Rasa's own Agent code takes a failed read for a new
    conversation."""
    store = NavigatorTrackerStore(domain=domain, settings=Settings(database_url=database.url))
    store.retry_pauses = ()
    rasa_caches.uninstall()
    try:
        wrapped = Agent._create_tracker_store(store, domain)
        database.refuse()
        assert asyncio.run(wrapped.retrieve(f"fault-{uuid.uuid4().hex}")) is None
    finally:
        database.allow()
        rasa_caches.install()
