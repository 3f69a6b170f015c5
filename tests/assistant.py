"""The whole assistant as processes (action server, Rasa and web server) on free ports,
against a fresh SQLite database and a local stand-in for postcodes.io: one for the whole
test session, shared by the browser tests in tests/e2e and the security tests that need the
real thing (tests/conftest.py registers it once: a fixture imported into two test modules
would start two)."""
from __future__ import annotations

import secrets
from pathlib import Path

import pytest
import requests

from knowledge.database import make_engine
from knowledge.loading import load
from ops.stack import Ports, Stack
from tests.fakes.postcodes_io import FakePostcodesIO

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def stack(tmp_path_factory, shipped_content):
    from tests.conftest import CONTENT_DATE  # the conftest imports this module

    model = ROOT / "models" / "navigator.tar.gz"
    if not model.exists():
        pytest.fail("no trained model: run `make test`, which trains it first")
    workdir: Path = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{workdir / 'navigator.db'}"
    load(shipped_content, make_engine(database_url))
    with FakePostcodesIO({"B21 9ZZ": "Birmingham"}) as postcodes:
        running = Stack(
            ports=Ports.free(),
            model=model, log_dir=workdir / "logs",
            env={"DATABASE_URL": database_url, "POSTCODES_IO_URL": postcodes.url,
                 "NAVIGATOR_TODAY": CONTENT_DATE.isoformat(),
                 # The council site of the embed test runs on another port of this machine.
                 "EMBED_ALLOWED_ORIGINS": "http://127.0.0.1:*",
                 # One key for every web replica a test starts (web/conversation_token.py).
                 "WEB_SECRET_KEY": secrets.token_urlsafe(48)},
        )
        running.start()
        try:
            yield running
        finally:
            running.stop()
            print("\n" + running.memory_report())


class Resident:
    """One person chatting through the Rasa REST channel."""

    def __init__(self, stack: Stack, sender: str):
        self.url = f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook"
        self.sender = sender

    def say(self, text: str) -> list[dict]:
        response = requests.post(self.url, json={"sender": self.sender, "message": text},
                                 timeout=60)
        assert response.status_code == 200, response.text
        return response.json()

    def texts(self, text: str) -> list[str]:
        """The texts of one reply. Rasa's REST channel sends each paragraph as its own
        message; the chat page shows a turn's messages together."""
        return [m.get("text", "") for m in self.say(text)]

    def reply(self, text: str) -> str:
        """The whole reply as one text, paragraphs separated by blank lines."""
        return "\n\n".join(self.texts(text))

    def reply_and_detail(self, text: str) -> tuple[str, str]:
        """The reply's text, and its "More detail" (custom.detail: the full article, contacts
        and sources, which the chat page shows as a disclosure under the same answer)."""
        messages = self.say(text)
        details = [(m.get("custom") or {}).get("detail") or {} for m in messages]
        return ("\n\n".join(m.get("text", "") for m in messages),
                "\n\n".join(d.get("body", "") for d in details if isinstance(d, dict)))
