"""The conversation store keeps its connections open between turns (a pool from
core/storage.py, not a new connection per read and per save) and writes only the
turn's new events: on SQLite always, on PostgreSQL when reachable here."""
from __future__ import annotations

import asyncio
import uuid

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event, text

from bot import rasa_caches
from bot.stores import NavigatorTrackerStore
from core.settings import current
from core.storage import conversations_engine
from tests.conftest import POSTGRES_URL, ROOT, _postgres_reachable


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


def _three_turns(store: NavigatorTrackerStore, sender: str) -> list[int]:
    """Three turns as Rasa takes them (read, add the turn's events, save); the number of
    rows stored for the conversation after each."""
    rows = []
    for turn in range(3):
        tracker = asyncio.run(store.retrieve(sender)) \
            or DialogueStateTracker.from_events(sender, [], store.domain.slots)
        tracker.update(UserUttered(f"message {turn}", intent={"name": "greet"}))
        tracker.update(ActionExecuted("utter_greet"))
        tracker.update(SlotSet("council", "dudley"))
        asyncio.run(store.save(tracker))
        with store.engine.connect() as connection:
            rows.append(connection.execute(
                text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
            ).scalar_one())
    return rows


def _check(domain: Domain) -> None:
    store = NavigatorTrackerStore(domain=domain)
    assert store.engine is conversations_engine(current())
    opened: list[int] = []
    event.listen(store.engine, "connect", lambda *_: opened.append(1))
    sender = f"pool-test-{uuid.uuid4().hex}"
    # Only each turn's three new events are written: 3, 6, 9 (not 3, 9, 18).
    assert _three_turns(store, sender) == [3, 6, 9]
    # Six reads and saves (and three counts) on at most the one connection the pool keeps
    # (none at all if one was already open).
    assert len(opened) <= 1
    again = asyncio.run(NavigatorTrackerStore(domain=domain).retrieve(sender))
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == [
        "message 0", "message 1", "message 2"]


def test_sqlite_store_reuses_its_connection_and_writes_only_new_events(domain, tmp_path,
                                                                        monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'conversations.db'}")
    _check(domain)
    with conversations_engine(current()).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"


@pytest.mark.postgres
def test_postgres_store_reuses_its_connection_and_writes_only_new_events(domain, monkeypatch):
    reason = _postgres_reachable()
    if reason:
        pytest.skip(reason)
    monkeypatch.setenv("DATABASE_URL", POSTGRES_URL)
    _check(domain)


def test_building_the_store_fits_the_rasa_caches(domain, tmp_path, monkeypatch):
    """The store is what Rasa builds once at start: the caches go in with it."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'conversations.db'}")
    rasa_caches.uninstall()
    try:
        NavigatorTrackerStore(domain=domain)
        assert RemoteAction._validate_action_result is rasa_caches.validate_action_result
    finally:
        rasa_caches.uninstall()
