"""The conversations this Rasa process saved last, kept so the next message skips re-reading them.

Rasa reads a conversation back from the database on every message (every event of the
current session, parsed from JSON and replayed into a new tracker) and, before saving,
counts the stored events to know which are new. py-spy on the Rasa process under the
bench's conversations (7 December 2026): about 5 ms of a message's 22 ms, on the event
loop every other resident waits on. A resident's next message comes to the same replica
(the web tier routes by conversation, docs/adr/0021), so the tracker this process saved is
usually still right.

"Still right" is checked, never assumed: the newest stored row of the conversation must be
the one this process wrote last (any other writer, such as another replica after a
fail-over, or the retention purge, changes it), and the tracker must not have grown since
it was saved (a turn that failed half-way added events it never stored). A tracker is kept
only when the stored events equal the tracker's own: none of the turn's events was changed
by redaction (bot/stores.py stores them with personal details removed, and the next turn
must see what the database holds) and none started a new session (Rasa reads back only the
latest session).
"""
from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from rasa.shared.core.trackers import DialogueStateTracker

# Conversations kept at once, and how long one idle is kept: about 60 kB a conversation of
# ten messages, so at most about 20 MB; residents reply within minutes or not at all.
CAPACITY = 300
IDLE_SECONDS = 15 * 60


@dataclass
class _Kept:
    tracker: DialogueStateTracker
    length: int  # events in the tracker, all stored, when it was kept
    newest_row: int  # id of the conversation's newest stored event then
    used: float  # time.monotonic() when it was kept or handed out


class RecentTrackers:
    """The last trackers saved, by conversation: handed back while the database agrees."""

    def __init__(self, capacity: int = CAPACITY, idle_seconds: float = IDLE_SECONDS) -> None:
        self.capacity = capacity
        self.idle_seconds = idle_seconds
        self._kept: OrderedDict[str, _Kept] = OrderedDict()

    def take(self, sender_id: str, newest_row: int | None) -> DialogueStateTracker | None:
        """The kept tracker when the database's newest row for the conversation is the one
        stored with it and the tracker has not changed since; otherwise None (forgotten)."""
        kept = self._kept.get(sender_id)
        if kept is None:
            return None
        if kept.newest_row != newest_row or len(kept.tracker.events) != kept.length \
                or time.monotonic() - kept.used > self.idle_seconds:
            del self._kept[sender_id]
            return None
        kept.used = time.monotonic()
        self._kept.move_to_end(sender_id)
        return kept.tracker

    def stored_events(self, tracker: DialogueStateTracker, newest_row: int | None) -> int | None:
        """How many of this tracker's events are stored, when it is the one kept and the
        database's newest row is still the one stored with it (asked again in the saving
        transaction, so a save tried again after its commit went through, unacknowledged,
        counts what that commit wrote); None when unknown."""
        kept = self._kept.get(tracker.sender_id)
        if kept is None or kept.tracker is not tracker or kept.newest_row != newest_row:
            return None
        return kept.length

    def keep(self, tracker: DialogueStateTracker, newest_row: int | None) -> None:
        """Remember a tracker whose every event is stored as it is, up to `newest_row`."""
        if newest_row is None:
            self.forget(tracker.sender_id)
            return
        self._kept[tracker.sender_id] = _Kept(tracker, len(tracker.events), newest_row,
                                              time.monotonic())
        self._kept.move_to_end(tracker.sender_id)
        while len(self._kept) > self.capacity:
            self._kept.popitem(last=False)

    def forget(self, sender_id: str) -> None:
        self._kept.pop(sender_id, None)

    def __len__(self) -> int:
        return len(self._kept)
