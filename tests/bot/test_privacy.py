"""Personal details are masked before conversations are stored, and old ones are deleted."""
from __future__ import annotations

import time

import pytest
from rasa.shared.core.events import ActionExecuted, UserUttered
from sqlalchemy import text

from bot.redaction import redact
from bot.stores import redacted
from ops.retention import purge


@pytest.mark.parametrize("typed, stored", [
    ("my number is 07700 900123", "my number is [phone]"),
    ("call me on +44 7700 900123 please", "call me on [phone] please"),
    ("email me at someone.name@example.org", "email me at [email]"),
    ("I live at B21 9ZZ", "I live at B21 [postcode]"),
    ("wv149zz", "WV14 [postcode]"),
    ("NI number AB 12 34 56 C", "NI number [national insurance number]"),
    ("i called 0808 2000 247", "i called 0808 2000 247"),  # a helpline we gave, not theirs
    ("how do i apply in B21", "how do i apply in B21"),  # a district is not personal
    ("", ""),
])
def test_redact(typed, stored):
    assert redact(typed) == stored


def test_only_residents_messages_are_changed():
    event = UserUttered("text me on 07700 900123", intent={"name": "request_human"},
                        parse_data={"text": "text me on 07700 900123"})
    clean = redacted(event)
    assert clean.text == "text me on [phone]"
    assert clean.as_dict()["parse_data"]["text"] == "text me on [phone]"
    assert clean.intent_name == "request_human"
    plain = UserUttered("hello")
    assert redacted(plain) is plain
    action = ActionExecuted("utter_greet")
    assert redacted(action) is action


def test_purge_deletes_only_old_conversations(any_engine):
    with any_engine.begin() as conn:
        conn.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, timestamp FLOAT)"))
        now = time.time()
        conn.execute(text("INSERT INTO events (id, timestamp) VALUES (1, :old), (2, :new)"),
                     {"old": now - 91 * 86400, "new": now - 89 * 86400})
    assert purge(any_engine, days=90, now=now) == 1
    with any_engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM events")).scalars().all() == [2]
