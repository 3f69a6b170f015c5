"""Where Rasa keeps conversations and locks, chosen from the environment.

endpoints.yml names these classes so that one file serves every deployment:
- conversations go to the same database as the knowledge base: the SQLite file
  `var/conversations.db` by default, PostgreSQL when `DATABASE_URL` is set;
- locks stay in memory for a single Rasa process, and move to Redis when
  `REDIS_URL` is set, which several Rasa replicas sharing work need.
"""
from __future__ import annotations

import os
from typing import Any, Iterator, Optional, Text
from urllib.parse import unquote, urlparse

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation_db import tracker_store_settings
from bot.redaction import redact


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


# Slots that hold contact details for a callback: used in the turn they are given
# (actions/handoff.py opens the request), never stored with the conversation.
PERSONAL_SLOTS = frozenset({"contact"})
REMOVED = "[removed]"


def redacted(event: Event) -> Event:
    """A copy of a resident's message with personal details masked, a contact-detail slot
    emptied; other events as they are."""
    if isinstance(event, SlotSet) and event.key in PERSONAL_SLOTS and event.value:
        return SlotSet(event.key, REMOVED, timestamp=event.timestamp, metadata=event.metadata)
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
