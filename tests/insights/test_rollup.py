"""The roll-up from a set of conversations equals counts worked out by hand; it is
idempotent, rebuilds a day, refuses a day that retention may have emptied, and its counts
survive the 90-day purge of conversations and cases."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from advice.models import CALLBACK, LIVE_CHAT, RESOLVED, WAITING, HandoffRequest
from advice.retention import purge_handoffs
from insights.models import (
    ClaimTimeCount,
    ConversationCount,
    DemandCount,
    HandoffCount,
    RolledUpDay,
    SafetyCount,
)
from insights.rollup import RebuildRefused, rebuild_day, roll_up_day, roll_up_pending
from ops.retention import purge
from tests.insights.conftest import DAY, Conversation, moment


def seed(db) -> None:
    """Written by hand; the expected counts below are worked out from this by reading it."""
    a = Conversation(db, "conversation-a")  # Polish, Birmingham, three questions
    a.slot(a.at(DAY, 9), "language", "pl").slot(a.at(DAY, 9), "council", "birmingham")
    a.user(a.at(DAY, 9, 1), "overcrowding").action(a.at(DAY, 9, 1), "action_answer_question")
    a.user(a.at(DAY, 9, 2), "nlu_fallback").action(a.at(DAY, 9, 2), "action_search_knowledge")
    a.user(a.at(DAY, 9, 3), "eco4").action(a.at(DAY, 9, 3), "action_answer_question")
    a.user(a.at(DAY, 9, 4), "request_human").action(a.at(DAY, 9, 4), "action_start_live_chat")
    b = Conversation(db, "conversation-b")  # began the day before: Urdu, Dudley, worker mode
    b.slot(b.at(DAY - timedelta(days=1), 20), "language", "ur")
    b.slot(b.at(DAY - timedelta(days=1), 20), "council", "dudley")
    b.user(b.at(DAY - timedelta(days=1), 20), "greet", worker=True)
    b.user(b.at(DAY, 10), "apply_for_housing", worker=True)
    b.slot(b.at(DAY, 10), "crisis", "homeless_tonight").slot(b.at(DAY, 10), "safety_check", None)
    b.action(b.at(DAY, 10), "action_answer_question")
    c = Conversation(db, "conversation-c")  # the next day only: not counted on DAY
    c.user(c.at(DAY + timedelta(days=1), 8), "overcrowding")
    d = Conversation(db, "conversation-d")  # said hello, nothing else
    d.user(d.at(DAY, 23, 59), "greet")
    d.slot(d.at(DAY, 23, 59), "safety_check", "domestic_abuse")
    with db.begin() as connection:
        connection.execute(HandoffRequest.__table__.insert(), [
            dict(reference="HN-T00001", conversation_id="conversation-a", channel=LIVE_CHAT,
                 council="birmingham", language="pl", urgency="normal", urgency_rank=2,
                 summary="x", status=RESOLVED, interpreter_needed=True,
                 created_at=moment(DAY, 9, 4), updated_at=moment(DAY, 9, 4),
                 claimed_at=moment(DAY, 9, 11), adviser_gender=None),
            dict(reference="HN-T00002", conversation_id="conversation-b", channel=CALLBACK,
                 council="dudley", language="ur", urgency="normal", urgency_rank=2,
                 summary="x", status=WAITING, interpreter_needed=False, adviser_gender="woman",
                 claimed_at=None,
                 created_at=moment(DAY, 10, 5), updated_at=moment(DAY, 10, 5)),
        ])


def rows(db, table, *columns):
    with db.connect() as connection:
        return sorted(tuple(r) for r in connection.execute(select(*columns)))


def test_roll_up_equals_the_counts_worked_out_by_hand(db):
    seed(db)
    assert roll_up_day(db, db, DAY) == 3
    assert rows(db, ConversationCount, ConversationCount.council, ConversationCount.language,
                ConversationCount.worker_mode, ConversationCount.conversations) == [
        ("birmingham", "pl", False, 1), ("dudley", "ur", True, 1), ("unknown", "en", False, 1)]
    assert rows(db, DemandCount, DemandCount.council, DemandCount.language, DemandCount.topic,
                DemandCount.outcome, DemandCount.worker_mode, DemandCount.closed_scheme,
                DemandCount.questions) == [
        ("birmingham", "pl", "allocations", "answered", False, False, 1),
        ("birmingham", "pl", "not_understood", "fell_back", False, False, 1),
        ("birmingham", "pl", "retrofit", "handed_over", False, True, 1),  # ECO4 closed 31 Mar
        ("dudley", "ur", "allocations", "answered", True, False, 1)]
    assert rows(db, SafetyCount, SafetyCount.council, SafetyCount.language, SafetyCount.kind,
                SafetyCount.tier, SafetyCount.messages) == [
        ("dudley", "ur", "homeless_tonight", "danger", 1),
        ("unknown", "en", "domestic_abuse", "concern", 1)]
    assert rows(db, HandoffCount, HandoffCount.council, HandoffCount.language,
                HandoffCount.channel, HandoffCount.interpreter_needed,
                HandoffCount.adviser_gender, HandoffCount.requested, HandoffCount.claimed,
                HandoffCount.resolved, HandoffCount.returned) == [
        ("birmingham", "pl", "live_chat", True, "unknown", 1, 1, 1, 0),
        ("dudley", "ur", "callback", False, "woman", 1, 0, 0, 0)]
    # Claimed after 7 minutes: the 10-minute band.
    assert rows(db, ClaimTimeCount, ClaimTimeCount.council, ClaimTimeCount.language,
                ClaimTimeCount.within_minutes, ClaimTimeCount.claims) == [
        ("birmingham", "pl", 10, 1)]


def test_roll_up_is_idempotent_and_rebuilds_a_day(db):
    seed(db)
    roll_up_day(db, db, DAY)
    first = rows(db, DemandCount, DemandCount.topic, DemandCount.outcome, DemandCount.questions)
    roll_up_day(db, db, DAY)
    assert rows(db, DemandCount, DemandCount.topic, DemandCount.outcome,
                DemandCount.questions) == first
    with db.begin() as connection:  # counts damaged by hand: a rebuild restores them
        connection.execute(DemandCount.__table__.update().values(questions=99))
    rebuild_day(db, db, DAY, today=DAY + timedelta(days=3))
    assert rows(db, DemandCount, DemandCount.topic, DemandCount.outcome,
                DemandCount.questions) == first


def test_rebuild_refuses_days_retention_may_have_emptied_and_days_not_over(db):
    with pytest.raises(RebuildRefused, match="older than the 90 days"):
        rebuild_day(db, db, DAY, today=DAY + timedelta(days=90))
    with pytest.raises(RebuildRefused, match="not over"):
        rebuild_day(db, db, DAY, today=DAY)


def test_counts_survive_the_purge(db):
    seed(db)
    rolled = roll_up_pending(db, db, today=DAY + timedelta(days=2))
    assert rolled == [DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)]
    before = rows(db, DemandCount, DemandCount.day, DemandCount.topic, DemandCount.questions)
    later = DAY + timedelta(days=120)
    assert purge(db, 90, now=moment(later, 0).timestamp()) > 0
    assert purge_handoffs(db, 90, now=moment(later, 0)) == 2
    with db.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(HandoffRequest)) == 0
    roll_up_pending(db, db, today=later)  # runs before every purge: must not wipe history
    assert rows(db, DemandCount, DemandCount.day, DemandCount.topic,
                DemandCount.questions) == before
    assert rows(db, HandoffCount, HandoffCount.day, HandoffCount.requested) == [
        (DAY, 1), (DAY, 1)]
    assert len(rows(db, RolledUpDay, RolledUpDay.day)) == 3


def test_the_retention_purge_rolls_up_first(tmp_path):
    """ops/retention.py's purge counts every finished day before deleting anything."""
    from core.settings import Settings
    from core.storage import make_engine
    from core.migrate import upgrade
    from insights.rollup import EVENTS
    from ops.retention import purge_everything

    url = f"sqlite:///{tmp_path / 'navigator.db'}"
    engine = make_engine(url)
    upgrade(engine)
    EVENTS.create(engine, checkfirst=True)
    seed(engine)  # November 2026: more than a day ago whenever this runs
    events, cases = purge_everything(Settings(database_url=url, retention_days=1))
    assert events > 0 and cases == 2
    assert rows(engine, ConversationCount, ConversationCount.day,
                ConversationCount.conversations)[:3] == [
        (DAY - timedelta(days=1), 1), (DAY, 1), (DAY, 1)]
