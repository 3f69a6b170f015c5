"""The inbox's records on SQLite and PostgreSQL (skipped, with the reason, when it is not
reachable): questions are stored redacted and minimal, acted-on groups leave the waiting
list, queued training examples are written once into data/nlu, old questions are purged;
and which question a "Did this help? No" is about, from a conversation's events."""
from __future__ import annotations

from datetime import date, timedelta

import yaml
from sqlalchemy import inspect, select

from inbox import store
from inbox.feedback import question_behind
from inbox.models import UnansweredQuestion
from inbox.training import write_queued
from insights.conversations import Event

DAY = date(2026, 12, 6)
SECRET = b"k" * 32


def keep(engine, text: str, reason: str = "not_understood", **given) -> bool:
    return store.record(engine, text=text, language=given.get("language", "en"),
                        topic=given.get("topic"), council=given.get("council"), reason=reason,
                        conversation=store.fingerprint(SECRET, given.get("who", "conv-1")),
                        day=given.get("day", DAY))


def test_questions_are_stored_redacted_with_minimum_data(any_engine):
    assert keep(any_engine, "call me on 07700 900123 or a.b@example.org, I live at B21 9ZZ",
                council="birmingham")
    [row] = store.waiting(any_engine)
    assert row.text == "call me on [phone] or [email] I live at B21 [postcode]"
    assert "07700" not in row.text and "example.org" not in row.text
    assert (row.language, row.topic, row.council, row.reason) == (
        "en", "unknown", "birmingham", "not_understood")
    assert row.conversation != "conv-1" and len(row.conversation) == 16
    columns = {c["name"] for c in inspect(any_engine).get_columns("inbox_questions")}
    assert not columns & {"sender_id", "conversation_id", "timestamp", "created_at"}


def test_button_payloads_empty_texts_and_unknown_reasons_are_not_kept(any_engine):
    assert not keep(any_engine, '/choose_article{"article_id":"x"}')
    assert not keep(any_engine, "   ")
    assert not keep(any_engine, "hello", reason="because")
    assert store.waiting(any_engine) == []


def test_the_same_conversation_gives_the_same_fingerprint_and_no_other_does():
    assert store.fingerprint(SECRET, "a") == store.fingerprint(SECRET, "a")
    assert store.fingerprint(SECRET, "a") != store.fingerprint(SECRET, "b")
    assert store.fingerprint(SECRET, "a") != store.fingerprint(b"j" * 32, "a")


def test_handled_questions_leave_the_waiting_list(any_engine):
    keep(any_engine, "rats in my flat")
    keep(any_engine, "mould on the wall")
    first = store.waiting(any_engine)[0]
    assert store.mark_handled(any_engine, [first.id], "draft") == 1
    assert [q.text for q in store.waiting(any_engine)] == ["mould on the wall"]


def test_queued_examples_are_written_once_per_language(any_engine, tmp_path):
    store.queue_training(any_engine, ["pay my council tax", "pay my council tax",
                                      "council tax bill"], "en", "out_of_scope_redirect", "amina")
    store.queue_training(any_engine, ["podatek lokalny"], "pl", "out_of_scope_redirect", "amina")
    assert write_queued(any_engine, tmp_path) == 3
    written = yaml.safe_load((tmp_path / "en" / "inbox.yml").read_text())
    assert written["nlu"] == [{"intent": "out_of_scope_redirect",
                               "examples": "- pay my council tax\n- council tax bill\n"}]
    assert (tmp_path / "pl" / "inbox.yml").exists()
    assert store.queued_training(any_engine) == []
    store.queue_training(any_engine, ["council tax bill"], "en", "out_of_scope_redirect", "b")
    assert write_queued(any_engine, tmp_path) == 0  # already there: not written twice


def test_questions_older_than_the_retention_period_are_purged(any_engine):
    keep(any_engine, "old question", day=DAY - timedelta(days=91))
    keep(any_engine, "new question", day=DAY - timedelta(days=89))
    assert store.purge(any_engine, 90, DAY) == 1
    with any_engine.connect() as connection:
        assert connection.execute(select(UnansweredQuestion.text)).scalars().all() == [
            "new question"]


def event(kind: str, **data) -> Event:
    return Event("conv", kind, 1.0, data=data)


def test_the_question_behind_an_answer_is_the_last_typed_message_before_it():
    events = [event("slot", name="language", value="ur"),
              event("user", text="walsall mein ghar kaise milega"),
              event("slot", name="council", value="walsall"),
              event("slot", name="last_answer", value="apply-walsall|walsall"),
              event("user", text='/choose_article{"article_id":"bidding"}'),
              event("slot", name="last_answer", value="bidding|walsall")]
    asked = question_behind(events, "apply-walsall")
    assert (asked.text, asked.language, asked.council) == (
        "walsall mein ghar kaise milega", "ur", "walsall")
    # an article picked from a list: the question typed before the list
    assert question_behind(events, "bidding").text == "walsall mein ghar kaise milega"
    assert question_behind(events, "overcrowding") is None
