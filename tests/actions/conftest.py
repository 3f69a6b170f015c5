"""Fixtures for action tests: real Tracker and CollectingDispatcher objects, a real
(SQLite) knowledge base, and the real domain's phrases."""
from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.core.domain import Domain
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import services
from knowledge.routing import CouncilRouter, PostcodeLookup
from tests.conftest import CONTENT_DATE, ROOT


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


@pytest.fixture(autouse=True)
def live_services(kb, monkeypatch, migrated_sqlite_url):
    """The actions read the test knowledge base and a fresh handoff queue (every message
    checks it); postcodes.io is unreachable."""
    monkeypatch.setenv("NAVIGATOR_TODAY", CONTENT_DATE.isoformat())
    monkeypatch.setenv("DATABASE_URL", migrated_sqlite_url)
    router = CouncilRouter(kb, PostcodeLookup(base_url="http://127.0.0.1:9", timeout=0.5))
    services.configure(kb, router)
    yield
    services.configure(None, None)


def make_tracker(intent: str, text: str = "", entities: list[dict] | None = None,
                 **slots: Any) -> Tracker:
    return Tracker.from_dict({
        "sender_id": "test-conversation",
        "slots": {"council": None, "pending_question": None, "language": "en",
                  "with_adviser": False,
                  "language_locked": False, "language_offered": None,
                  "language_question": None, "crisis": None, "crisis_also": None, **slots},
        "latest_message": {
            "text": text,
            "intent": {"name": intent, "confidence": 0.99},
            "entities": entities or [],
        },
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    })


def said(dispatcher: CollectingDispatcher) -> list[tuple[str, list[str]]]:
    """What the assistant said: each message's text and button titles."""
    return [(m.get("text") or "", [b["title"] for b in m.get("buttons") or []])
            for m in dispatcher.messages]


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()
