"""Where Rasa keeps conversations and locks, chosen from the settings (core/settings.py).

endpoints.yml names these classes so that one file serves every deployment:
- conversations go to the same database as the knowledge base: the SQLite file
  `var/conversations.db` by default, PostgreSQL when `DATABASE_URL` is set;
- locks stay in memory for a single Rasa process, and move to Redis when
  `REDIS_URL` is set, which several Rasa replicas sharing work need.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import logging
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional, Text, TypeVar
from urllib.parse import unquote, urlparse

from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import sessionmaker

from bot import rasa_caches
from bot.recent_trackers import RecentTrackers
from bot.redaction import redact_all
from core.private_files import private_file
from core.settings import Settings, current
from core.storage import conversations_engine, tracker_store_settings

# Pauses between tries when the conversations' database fails a read or a save: 7.85 s
# in all, so a PostgreSQL restart or fail-over of about 5 s is ridden out within the
# turn; after that the turn fails (docs/adr/0021-conversation-routing.md).
RETRY_PAUSES = (0.1, 0.25, 0.5, 1.0, 2.0, 2.0, 2.0)
T = TypeVar("T")
log = logging.getLogger(__name__)


class ConversationStoreUnavailable(RuntimeError):
    """The conversations' database failed every try: the turn fails with this, so Rasa
    neither starts the conversation afresh (a failed read taken for a new resident) nor
    keeps the turn in its memory (a failed save), where the history would be lost."""


@dataclass
class StoreWatch:
    """What the store met while one message was handled (bot/channels.py): once it gave
    up, later reads in the message (the fallback's language) try once, not for 8 s."""
    gave_up: bool = False


_watch: ContextVar[StoreWatch | None] = ContextVar("conversation_store_watch", default=None)


def watch_message() -> StoreWatch:
    """Start watching the store for one message (shared with the tasks it starts)."""
    watch = StoreWatch()
    _watch.set(watch)
    return watch


def retryable(error: BaseException) -> bool:
    """A failure another try can cure: the connection was lost or refused (a terminated
    backend, a restart, SQLite's busy file), not a wrong query."""
    return isinstance(error, (OperationalError, InterfaceError)) or (
        isinstance(error, DBAPIError) and bool(error.connection_invalidated))


class NavigatorTrackerStore(SQLTrackerStore):
    """SQLTrackerStore configured from DATABASE_URL, so a restart loses no conversation.

    What residents type is stored with personal details removed (bot/redaction.py), in
    every copy an event holds: the assistant has already used them in the turn they
    were typed.
    """

    # Rasa's SQLAlchemy engine, replaced below by the process's (SQLAlchemy 1.4 is untyped).
    engine: Any
    retry_pauses: tuple[float, ...] = RETRY_PAUSES

    def __init__(self, domain: Optional[Domain] = None, host: Optional[Text] = None,
                 event_broker: Any = None, settings: Settings | None = None,
                 **kwargs: Any) -> None:
        # Rasa builds this store from endpoints.yml and cannot hand it settings: it takes
        # the process's own (core/settings.py), or those a test passes.
        settings = settings or current()
        database = tracker_store_settings(settings.database_url)
        if database["dialect"] == "sqlite":
            # Rasa opens the file with its own engine: make it the navigator's alone first.
            private_file(Path(database["db"]))
        super().__init__(domain=domain, event_broker=event_broker, **database)
        # Rasa's engine (made above, to create its table) opens a new SQLite connection
        # for every read and every save (SQLAlchemy 1.4's default for files) and sets no
        # WAL. From here on the store uses the process's engine for the same database
        # (core/storage.py): pooled connections, WAL, PostgreSQL's pre-ping and recycle.
        rasa_engine, self.engine = self.engine, conversations_engine(settings)
        rasa_engine.dispose()
        self.sessionmaker = sessionmaker(bind=self.engine)
        # This store is built once, in the Rasa process: the moment to fit the caches.
        rasa_caches.install()
        # The trackers saved last, handed back while the database agrees (bot/recent_trackers.py).
        self.recent = RecentTrackers()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self._patiently("read", self._recent_or_stored, sender_id)

    async def _recent_or_stored(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        newest = self._newest_row(sender_id)
        kept = self.recent.take(sender_id, newest)
        if kept is not None:
            return kept
        tracker = await super().retrieve(sender_id)
        if tracker is not None and newest is not None:
            # Just read, so its events are the stored ones: the save needs no count.
            self.recent.keep(tracker, newest)
        return tracker

    def _newest_row(self, sender_id: Text, session: Any = None) -> int | None:
        """The id of the conversation's newest stored event: what a kept tracker must match."""
        table = self.SQLEvent.__table__
        query = select(func.max(table.c.id)).where(table.c.sender_id == sender_id)
        if session is not None:
            return session.execute(query).scalar()
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    async def retrieve_full_tracker(self, conversation_id: Text
                                    ) -> Optional[DialogueStateTracker]:
        return await self._patiently("read", super().retrieve_full_tracker, conversation_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        # A failed save wrote nothing (one transaction), so the retry counts the stored
        # events again and writes the same new ones.
        sender_id = tracker.sender_id
        try:
            newest, as_is = await self._patiently("save", self._write_new_events, tracker)
        except BaseException:
            self.recent.forget(sender_id)
            raise
        # Kept for the next message when the database now holds exactly its events.
        if as_is:
            self.recent.keep(tracker, newest)
        else:
            self.recent.forget(sender_id)

    async def _write_new_events(self, tracker: DialogueStateTracker
                                ) -> tuple[int | None, bool]:
        """`SQLTrackerStore.save` (Rasa 3.6.21): the events not yet stored, redacted, in one
        transaction. Here as one INSERT of several rows rather than through the ORM's unit
        of work (a third of the save's time), with the conversation's newest row read back
        in the same transaction; the rows are the ones Rasa writes. Also says whether the
        events were stored as they are (none masked, none starting a session)."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            new = self._unstored_events(session, tracker)
            stored = [redacted(event) for event in new]
            if stored:
                session.execute(self.SQLEvent.__table__.insert(),
                                [stored_row(tracker.sender_id, event) for event in stored])
            newest = self._newest_row(tracker.sender_id, session)
            session.commit()
        as_is = all(clean is event and not isinstance(event, SessionStarted)
                    for event, clean in zip(new, stored))
        return newest, as_is

    async def _patiently(self, what: str, call: Callable[..., Awaitable[T]], *args: Any) -> T:
        """`call`, tried again after each of `retry_pauses` while the database fails in a
        way another try can cure; then ConversationStoreUnavailable."""
        watch = _watch.get()
        pauses = () if watch is not None and watch.gave_up else self.retry_pauses
        for pause in (*pauses, None):
            try:
                return await call(*args)
            except Exception as error:
                if not retryable(error):
                    raise
                if pause is None:
                    if watch is not None:
                        watch.gave_up = True
                    raise ConversationStoreUnavailable(
                        f"the conversations' database failed every {what} "
                        f"({len(pauses) + 1} tries): {type(error).__name__}") from error
                log.warning("conversation store: %s failed (%s); trying again in %g s",
                            what, type(error).__name__, pause)
                await asyncio.sleep(pause)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _unstored_events(self, session: Any, tracker: DialogueStateTracker) -> list[Event]:
        """The tracker's events after those stored: the kept tracker (checked against the
        database in this transaction) says how many; otherwise Rasa counts them."""
        stored = self.recent.stored_events(tracker, self._newest_row(tracker.sender_id, session))
        return list(itertools.islice(tracker.events, stored, None) if stored is not None
                    else self._additional_events(session, tracker))


# Slots that hold contact details for a callback: used in the turn they are given
# (actions/handoff.py opens the request), never stored with the conversation.
PERSONAL_SLOTS = frozenset({"contact"})
REMOVED = "[removed]"
# Values Rasa links events by; they are ours, not the resident's words, and a masked
# message id would no longer match its message.
IDENTIFIERS = ("event", "timestamp", "message_id", "input_channel")


def stored_row(sender_id: str, event: Event) -> dict[str, Any]:
    """The `events` row of one event, with the columns Rasa's SQLTrackerStore.save fills."""
    data = event.as_dict()
    return {"sender_id": sender_id, "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": (data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"), "data": json.dumps(data)}


def redacted(event: Event) -> Event:
    """The event as it is stored: every string in it masked (bot/redaction.py), however
    deep, so no copy escapes: the text, parse_data (entities, ranking, response
    selector), metadata, slot values, entities added by actions. A contact-detail slot
    is emptied altogether.

    The assistant's own messages are kept as they are: they are curated content (the
    council numbers an adviser reading the transcript needs) and never repeat what the
    resident typed (the phrases' placeholders are references, names and districts)."""
    if isinstance(event, BotUttered):
        return event
    data = event.as_dict()
    clean = redact_all(data)
    if isinstance(event, SlotSet) and event.key in PERSONAL_SLOTS and event.value:
        clean["value"] = REMOVED
    for key in IDENTIFIERS:
        if key in data:
            clean[key] = data[key]
    if isinstance(data.get("parse_data"), dict) and "message_id" in data["parse_data"]:
        clean["parse_data"]["message_id"] = data["parse_data"]["message_id"]
    return event if clean == data else Event.from_parameters(clean)


class NavigatorLockStore(LockStore):
    """Redis when REDIS_URL is set (several replicas), otherwise in memory (one process)."""

    def __init__(self, endpoint_config: Any = None, settings: Settings | None = None) -> None:
        redis_url = (settings or current()).redis_url
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
