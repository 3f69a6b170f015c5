"""Where Rasa keeps conversations and locks, chosen from the environment.

endpoints.yml names these classes so that one file serves every deployment:
- conversations go to the same database as the knowledge base: the SQLite file
  `var/conversations.db` by default, PostgreSQL when `DATABASE_URL` is set;
- locks stay in memory for a single Rasa process, and move to Redis when
  `REDIS_URL` is set, which several Rasa replicas sharing work need.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator, Optional, Text
from urllib.parse import unquote, urlparse

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.redaction import redact

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONVERSATIONS_DB = PROJECT_ROOT / "var" / "conversations.db"


def tracker_store_settings(database_url: str | None) -> dict[str, Any]:
    """SQLTrackerStore arguments for a database URL (or the embedded SQLite file)."""
    if not database_url:
        DEFAULT_CONVERSATIONS_DB.parent.mkdir(parents=True, exist_ok=True)
        return {"dialect": "sqlite", "db": str(DEFAULT_CONVERSATIONS_DB)}
    url = urlparse(database_url)
    scheme = url.scheme.split("+")[0]
    if scheme in ("postgres", "postgresql"):
        dialect = "postgresql"
    elif scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path, as SQLAlchemy spells them.
        path = database_url.split(":///", 1)[1] if ":///" in database_url else ""
        return {"dialect": "sqlite", "db": unquote(path) or str(DEFAULT_CONVERSATIONS_DB)}
    else:
        raise ValueError(f"DATABASE_URL uses '{scheme}'; use postgresql:// or sqlite:///")
    return {
        "dialect": dialect,
        "host": url.hostname or "localhost",
        "port": url.port,
        "db": unquote(url.path.lstrip("/")) or "navigator",
        "username": unquote(url.username) if url.username else None,
        "password": unquote(url.password) if url.password else None,
    }


class NavigatorTrackerStore(SQLTrackerStore):
    """SQLTrackerStore configured from DATABASE_URL, so a restart loses no conversation.

    What residents type is stored with personal details removed (bot/redaction.py):
    the assistant has already used them in the turn they were typed.
    """

    def __init__(self, domain: Optional[Domain] = None, host: Optional[Text] = None,
                 event_broker: Any = None, **kwargs: Any) -> None:
        settings = tracker_store_settings(os.environ.get("DATABASE_URL", "").strip() or None)
        super().__init__(domain=domain, event_broker=event_broker, **settings)

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        for event in super()._additional_events(session, tracker):
            yield redacted(event)


def redacted(event: Event) -> Event:
    """A copy of a resident's message with personal details masked; other events as they are."""
    if not isinstance(event, UserUttered) or not event.text:
        return event
    clean = redact(event.text)
    if clean == event.text:
        return event
    parse_data = {**(event.parse_data or {}), "text": clean}
    return UserUttered(text=clean, intent=event.intent, entities=[], parse_data=parse_data,
                       timestamp=event.timestamp, input_channel=event.input_channel,
                       message_id=event.message_id, metadata=event.metadata)


class NavigatorLockStore(LockStore):
    """Redis when REDIS_URL is set (several replicas), otherwise in memory (one process)."""

    def __init__(self, endpoint_config: Any = None) -> None:
        redis_url = os.environ.get("REDIS_URL", "").strip()
        if redis_url:
            url = urlparse(redis_url)
            self.inner: LockStore = RedisLockStore(
                host=url.hostname or "localhost",
                port=url.port or 6379,
                db=int(url.path.lstrip("/") or 1),
                username=unquote(url.username) if url.username else None,
                password=unquote(url.password) if url.password else None,
                use_ssl=url.scheme == "rediss",
                key_prefix="navigator",
            )
        else:
            self.inner = InMemoryLockStore()

    def get_lock(self, conversation_id: Text) -> Optional[TicketLock]:
        return self.inner.get_lock(conversation_id)

    def delete_lock(self, conversation_id: Text) -> None:
        self.inner.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        self.inner.save_lock(lock)
