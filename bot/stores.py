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
from typing import Any, Optional, Text
from urllib.parse import unquote, urlparse

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

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
        return {"dialect": "sqlite", "db": unquote(url.path.lstrip("/")) or str(DEFAULT_CONVERSATIONS_DB)}
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
    """SQLTrackerStore configured from DATABASE_URL, so a restart loses no conversation."""

    def __init__(self, domain: Optional[Domain] = None, host: Optional[Text] = None,
                 event_broker: Any = None, **kwargs: Any) -> None:
        settings = tracker_store_settings(os.environ.get("DATABASE_URL", "").strip() or None)
        super().__init__(domain=domain, event_broker=event_broker, **settings)


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
