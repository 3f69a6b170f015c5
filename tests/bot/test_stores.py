"""Where conversations and locks are kept: SQLite by default, PostgreSQL and Redis when
configured (each skipped, with the reason, when the server is not reachable here)."""
from __future__ import annotations

import asyncio
import os
import uuid

import pytest
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation_db import tracker_store_settings
from bot.stores import NavigatorLockStore, NavigatorTrackerStore
from tests.conftest import POSTGRES_URL, ROOT, _postgres_reachable

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


def test_settings_from_database_url():
    assert tracker_store_settings("postgresql://nav:s%40cret@db.example:5433/navigator") == {
        "dialect": "postgresql", "host": "db.example", "port": 5433, "db": "navigator",
        "username": "nav", "password": "s@cret"}
    assert tracker_store_settings("sqlite:////tmp/x/conversations.db") == {
        "dialect": "sqlite", "db": "/tmp/x/conversations.db"}
    with pytest.raises(ValueError):
        tracker_store_settings("mysql://somewhere/db")


def _round_trip(domain: Domain) -> DialogueStateTracker:
    store = NavigatorTrackerStore(domain=domain)
    sender = f"store-test-{uuid.uuid4().hex}"
    tracker = DialogueStateTracker.from_events(sender, [
        UserUttered("my number is 07700 900123", intent={"name": "request_human"}),
        SlotSet("council", "dudley"),
    ])
    asyncio.run(store.save(tracker))
    again = asyncio.run(NavigatorTrackerStore(domain=domain).retrieve(sender))
    return again


def test_conversations_persist_in_sqlite_with_personal_details_masked(domain, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'conversations.db'}")
    again = _round_trip(domain)
    assert again.get_slot("council") == "dudley"
    assert again.latest_message.text == "my number is [phone]"


@pytest.mark.postgres
def test_conversations_persist_in_postgres(domain, monkeypatch):
    reason = _postgres_reachable()
    if reason:
        pytest.skip(reason)
    monkeypatch.setenv("DATABASE_URL", POSTGRES_URL)
    again = _round_trip(domain)
    assert again.get_slot("council") == "dudley"
    assert again.latest_message.text == "my number is [phone]"


def test_locks_in_memory_by_default(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(NavigatorLockStore().inner, InMemoryLockStore)


@pytest.mark.redis
def test_locks_in_redis_are_shared_between_replicas(monkeypatch):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable here"
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {type(exc).__name__}")
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    first, second = NavigatorLockStore(), NavigatorLockStore()  # two Rasa replicas
    assert isinstance(first.inner, RedisLockStore)
    conversation = f"lock-test-{uuid.uuid4().hex}"
    ticket = first.issue_ticket(conversation)
    # The second replica sees the first one's ticket and must wait its turn.
    assert second.is_someone_waiting(conversation)
    first.finish_serving(conversation, ticket)
    assert not second.is_someone_waiting(conversation)
    first.delete_lock(conversation)
