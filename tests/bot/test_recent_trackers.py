"""bot/recent_trackers.py with the conversation store: the tracker saved last is handed back
for the next message only while it is exactly what the database would give, on SQLite
always and on PostgreSQL when reachable here."""
from __future__ import annotations

import asyncio
import json
import time
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.recent_trackers import RecentTrackers
from bot.stores import NavigatorTrackerStore
from tests.conftest import POSTGRES_URL, ROOT, _postgres_reachable


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, monkeypatch) -> str:
    if request.param == "postgresql":
        reason = _postgres_reachable()
        if reason:
            pytest.skip(reason)
        url = POSTGRES_URL
    else:
        url = f"sqlite:///{tmp_path / 'conversations.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _turn(store: NavigatorTrackerStore, sender: str, text: str,
          *extra) -> DialogueStateTracker:
    """One message as Rasa takes it: read, add the turn's events, save."""
    tracker = asyncio.run(store.retrieve(sender)) \
        or DialogueStateTracker.from_events(sender, [], store.domain.slots)
    # as Rasa's pipeline leaves it: the tokens' offsets are tuples, an entity with a number
    tokens = [(0, len(text.split()[0]))]
    tracker.update(UserUttered(
        text, intent={"name": "greet", "confidence": 0.9},
        entities=[{"entity": "children", "start": 0, "end": 1, "value": 1}],
        parse_data={"intent": {"name": "greet", "confidence": 0.9}, "text": text,
                    "entities": [{"entity": "children", "start": 0, "end": 1, "value": 1}],
                    "text_tokens": tokens}))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(SlotSet("council", "dudley"))
    for event in extra:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    return tracker


def _as_stored(domain: Domain, sender: str) -> dict:
    """What a process that never saw the conversation reads back (another replica)."""
    tracker = asyncio.run(NavigatorTrackerStore(domain=domain).retrieve(sender))
    return _state(tracker)


def _state(tracker: DialogueStateTracker) -> dict:
    """The tracker as the action server receives it (JSON: the tokens' offset tuples of a
    kept tracker become lists, as a stored one's already are)."""
    state = tracker.current_state(EventVerbosity.ALL)
    state.pop("latest_event_time", None)
    return json.loads(json.dumps(state))


def test_the_saved_tracker_is_handed_back_and_equals_the_stored_one(domain, database):
    store = NavigatorTrackerStore(domain=domain)
    sender = f"recent-{uuid.uuid4().hex}"
    first = _turn(store, sender, "hello")
    assert asyncio.run(store.retrieve(sender)) is first
    assert _state(first) == _as_stored(domain, sender)
    second = _turn(store, sender, "how do I apply")
    assert second is first
    assert _state(second) == _as_stored(domain, sender)
    # only the new events were written, each once
    again = asyncio.run(NavigatorTrackerStore(domain=domain).retrieve(sender))
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == [
        "hello", "how do I apply"]


def test_another_writer_makes_the_next_message_read_the_database(domain, database):
    """A second replica answered a message (a fail-over): its events are not lost."""
    ours, other = NavigatorTrackerStore(domain=domain), NavigatorTrackerStore(domain=domain)
    sender = f"recent-{uuid.uuid4().hex}"
    kept = _turn(ours, sender, "hello")
    _turn(other, sender, "from the other replica")
    read = asyncio.run(ours.retrieve(sender))
    assert read is not kept
    assert [e.text for e in read.events if isinstance(e, UserUttered)] == [
        "hello", "from the other replica"]


def test_a_turn_that_failed_half_way_is_not_handed_back(domain, database):
    store = NavigatorTrackerStore(domain=domain)
    sender = f"recent-{uuid.uuid4().hex}"
    kept = _turn(store, sender, "hello")
    half = asyncio.run(store.retrieve(sender))
    half.update(UserUttered("never saved", intent={"name": "greet"}))  # then the turn fails
    read = asyncio.run(store.retrieve(sender))
    assert read is not kept
    assert [e.text for e in read.events if isinstance(e, UserUttered)] == ["hello"]


def test_a_message_with_personal_details_is_read_back_masked(domain, database):
    """Stored redacted, so the next message must see the masked words, as before."""
    store = NavigatorTrackerStore(domain=domain)
    sender = f"recent-{uuid.uuid4().hex}"
    said = _turn(store, sender, "call me on 07700 900123")
    read = asyncio.run(store.retrieve(sender))
    assert read is not said
    assert "900123" not in read.latest_message.text
    assert _state(read) == _as_stored(domain, sender)


def test_a_new_session_is_read_back_from_the_database(domain, database):
    """Rasa reads back only the latest session: a turn that started one is not kept."""
    store = NavigatorTrackerStore(domain=domain)
    sender = f"recent-{uuid.uuid4().hex}"
    _turn(store, sender, "hello")
    started = _turn(store, sender, "back again", ActionExecuted("action_session_start"),
                    SessionStarted(timestamp=time.time() + 1))
    read = asyncio.run(store.retrieve(sender))
    assert read is not started
    assert _state(read) == _as_stored(domain, sender)


def test_a_save_tried_again_after_an_unacknowledged_commit_writes_nothing_twice(domain,
                                                                             database):
    """The first try's commit went through but its answer was lost (a dropped connection):
    the retry counts what is stored, as Rasa does, instead of trusting the kept count."""
    store = NavigatorTrackerStore(domain=domain)
    sender = f"recent-{uuid.uuid4().hex}"
    _turn(store, sender, "hello")
    tracker = asyncio.run(store.retrieve(sender))
    tracker.update(UserUttered("second", intent={"name": "greet"}))
    asyncio.run(store._write_new_events(tracker))  # committed; the store never heard back
    asyncio.run(store.save(tracker))  # the retry
    stored = asyncio.run(NavigatorTrackerStore(domain=domain).retrieve(sender))
    assert [e.text for e in stored.events if isinstance(e, UserUttered)] == ["hello", "second"]


def test_kept_trackers_are_few_and_recent():
    def tracker(sender: str) -> DialogueStateTracker:
        return DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen")], [])

    recent = RecentTrackers(capacity=2, idle_seconds=60)
    a, b, c = tracker("a"), tracker("b"), tracker("c")
    recent.keep(a, 1)
    recent.keep(b, 2)
    recent.keep(c, 3)  # the least recently used (a) makes room
    assert len(recent) == 2 and recent.take("a", 1) is None
    assert recent.take("b", 2) is b and recent.stored_events(b, 2) == 1
    assert recent.stored_events(b, 5) is None  # the database moved on since
    assert recent.take("c", 4) is None  # the database has moved on: forgotten
    assert recent.take("c", 3) is None
    recent.keep(c, None)  # nothing stored: nothing to keep
    assert recent.take("c", None) is None
    idle = RecentTrackers(idle_seconds=0)
    idle.keep(a, 1)
    time.sleep(0.01)
    assert idle.take("a", 1) is None


def test_the_rows_written_are_the_ones_rasa_writes(domain, tmp_path, monkeypatch):
    """One INSERT of several rows instead of Rasa's unit of work: the same columns, values."""
    from rasa.core.tracker_store import SQLTrackerStore
    from sqlalchemy import text

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ours.db'}")
    ours = NavigatorTrackerStore(domain=domain)
    rasas = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    sender = "rows-test"
    tracker = DialogueStateTracker.from_events(sender, [], domain.slots)
    tracker.update(UserUttered("how do I bid", intent={"name": "how_bidding_works",
                                                       "confidence": 0.8}))
    tracker.update(ActionExecuted("action_answer_question"))
    tracker.update(SlotSet("council", "walsall"))
    for store in (ours, rasas):
        asyncio.run(store.save(tracker))
    query = text("SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
                 "FROM events ORDER BY id")
    with ours.engine.connect() as a, rasas.engine.connect() as b:
        assert a.execute(query).all() == b.execute(query).all()
