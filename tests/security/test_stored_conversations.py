"""Finding 2: full postcodes were stored: the message text was masked but
parse_data.entities[].value, metadata and slot values kept "B21 9AA".

A conversation carrying a full postcode, a phone number and an email in every place
an event can hold a resident's words is saved through the real tracker store, on
SQLite and on PostgreSQL; then the raw `events` rows are read as SQL text.
"""
from __future__ import annotations

import asyncio
import re
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    EntitiesAdded,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.stores import NavigatorTrackerStore
from tests.conftest import ROOT

POSTCODE, PHONE, EMAIL = "B21 9AA", "(07700) 900456", "o'brien@example.org"
TYPED = f"I live at {POSTCODE}, ring {PHONE} or write to {EMAIL}"
# What must not be found anywhere in a stored row, in any spelling the row could hold.
TIMESTAMP = re.compile(r"\b\d{10}\.\d+\b")
SECRETS = ("9AA", "9aa", "07700", "900456", "o'brien", "o\\u2019brien", "example.org")


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


def _resident_turn() -> list:
    entity = {"entity": "postcode", "value": POSTCODE, "start": 10, "end": 17,
              "extractor": "RegexEntityExtractor"}
    metadata = {"worker_organisation": f"Hub, call {PHONE}", "notes": [{"postcode": POSTCODE}]}
    parse_data = {
        "text": TYPED, "intent": {"name": "inform", "confidence": 0.9},
        "entities": [entity], "intent_ranking": [{"name": "inform", "confidence": 0.9}],
        "response_selector": {"default": {"response": {"responses": [{"text": EMAIL}]}}},
        "metadata": metadata,
    }
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(metadata=metadata),
        SlotSet("session_started_metadata", metadata),
        ActionExecuted("action_listen"),
        UserUttered(TYPED, intent=parse_data["intent"], entities=[entity],
                    parse_data=parse_data, metadata=metadata, message_id="m-1"),
        EntitiesAdded([entity]),
        SlotSet("council", "birmingham"),
        SlotSet("contact", PHONE),
        BotUttered("Birmingham City Council can help.", metadata={"utter_action": "utter_x"}),
        UserUttered("/inform" + '{"contact": "' + EMAIL + '"}', intent={"name": "inform"}),
    ]


def _raw_rows(engine, sender: str) -> str:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM events WHERE sender_id = :s"),
                                  {"s": sender}).all()
    assert len(rows) == len(_resident_turn())
    stored = "\n".join(" ".join(str(value) for value in row) for row in rows)
    # What Rasa adds of its own (the conversation's id, the events' clock times) is not the
    # resident's: a random id or a time can hold "9aa" or "07700" by chance (CI saw it).
    return TIMESTAMP.sub("[time]", stored.replace(sender, "[sender]"))


def test_finding_2_no_copy_of_a_personal_detail_is_stored(any_engine, domain, monkeypatch):
    """Finding 2: entities, metadata, slot values and every other copy are masked in the
    raw rows, on SQLite and PostgreSQL."""
    monkeypatch.setenv("DATABASE_URL", any_engine.url.render_as_string(hide_password=False))
    store = NavigatorTrackerStore(domain=domain)
    sender = f"security-{uuid.uuid4().hex}"
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, _resident_turn())))
    stored = _raw_rows(any_engine, sender)
    found = [secret for secret in SECRETS if secret in stored]
    assert not found, f"{found} stored in:\n{stored}"
    assert "B21 [postcode]" in stored and "[phone]" in stored and "[email]" in stored


def test_finding_2_the_masked_conversation_still_reads_back(any_engine, domain, monkeypatch):
    """Finding 2: masking keeps what the assistant needs: intent, message id, council."""
    monkeypatch.setenv("DATABASE_URL", any_engine.url.render_as_string(hide_password=False))
    sender = f"security-{uuid.uuid4().hex}"
    asyncio.run(NavigatorTrackerStore(domain=domain).save(
        DialogueStateTracker.from_events(sender, _resident_turn()[:7])))
    again = asyncio.run(NavigatorTrackerStore(domain=domain).retrieve(sender))
    message = again.latest_message
    assert message.text == "I live at B21 [postcode], ring [phone] or write to [email]"
    assert message.intent_name == "inform" and message.message_id == "m-1"
    assert [e["value"] for e in message.entities] == ["B21 [postcode]"]
    assert again.get_slot("council") == "birmingham"
