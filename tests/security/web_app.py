"""The residents' web server (web.server.create_app) under test, in this process.

sanic-testing serves the app on a real port for each request (real HTTP, our own code
unmocked) with a temporary database, its own secret, and a local stand-in for Rasa.
Test modules import the `web` fixture from here (tests/security has no conftest.py,
several helpers write in this folder)."""
from __future__ import annotations

import secrets
import uuid

import pytest

from advice import advice_engine
from advice.cases import NewRequest, claim, open_request, reply
from advice.accounts import create_adviser
from tests.fakes.rasa_rest import FakeRasa
from web.server import create_app


class Web:
    """The app, the stand-in Rasa behind it, and the database URL it uses."""

    def __init__(self, app, rasa: FakeRasa, database_url: str):
        self.app, self.rasa, self.database_url = app, rasa, database_url

    def get(self, path: str, **kwargs):
        _request, response = self.app.test_client.get(path, **kwargs)
        return response

    def post(self, path: str, **kwargs):
        _request, response = self.app.test_client.post(path, **kwargs)
        return response

    def resident(self) -> "Resident":
        return Resident(self)

    def adviser_says(self, conversation_id: str, text: str) -> None:
        """An adviser claims this conversation's case and replies, as the console does."""
        engine = advice_engine(self.database_url)
        case = open_request(engine, NewRequest(
            conversation_id=conversation_id, channel="live_chat", language="en",
            urgency="normal", summary="Asked about: bidding."))
        adviser = create_adviser(engine, "adviser" + uuid.uuid4().hex[:6], "correct horse battery")
        claim(engine, case.id, adviser)
        reply(engine, case.id, adviser, text)


class Resident:
    """One browser tab's conversation, as the chat page holds it: the token the server
    issued, sent with every chat and relay call."""

    def __init__(self, web: Web):
        self.web = web
        session = web.post("/api/chat/session")
        assert session.status == 200, session.text[:300]
        self.conversation_id = session.json["conversation_id"]
        self.headers = {"Authorization": f"Bearer {session.json['token']}"}

    def chat(self, **body):
        return self.web.post("/api/chat", json=body, headers=self.headers)

    def updates(self, after: object = 0):
        return self.web.get("/api/chat/updates", params={"after": after}, headers=self.headers)


def serve(monkeypatch, engine):
    url = engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("WEB_SECRET_KEY", secrets.token_urlsafe(32))
    monkeypatch.delenv("EMBED_ALLOWED_ORIGINS", raising=False)
    with FakeRasa() as rasa:
        monkeypatch.setenv("RASA_URL", rasa.url)  # the app follows the environment (None)
        yield Web(create_app(None, name=f"web_test_{uuid.uuid4().hex[:8]}"),
                  rasa, url)


@pytest.fixture
def web(monkeypatch, sqlite_engine) -> Web:
    """The web app on a fresh SQLite database."""
    yield from serve(monkeypatch, sqlite_engine)


@pytest.fixture
def web_on_any_database(monkeypatch, any_engine) -> Web:
    """The web app on a fresh database: SQLite, and PostgreSQL when reachable."""
    yield from serve(monkeypatch, any_engine)
