"""The web server (web.server.create_app) tested in this process, as the Flask tutorial
and rasa-sdk test theirs: `settings_for_tests` -> `app` -> `client`.

The client is Sanic's own (sanic-testing's ReusableClient): the app serves real HTTP on a
free port of this machine for the length of one test, on an event loop of the test's own,
with its real listeners, middleware and error handler. Rasa is a local stand-in whose
answer each test can choose; the database is a fresh SQLite file per test.
"""
from __future__ import annotations

import asyncio
import json
import secrets
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest
from sanic import Sanic
from sanic_testing.reusable import ReusableClient
from sanic_testing.testing import TestingResponse
from sqlalchemy.engine import Engine

from advice import advice_engine
from core.settings import Settings
from ops.stack import free_port
from web.server import create_app


class StubRasa:
    """Rasa's REST channel as the web server sees it: answers with `status` and `body`
    (JSON-encoded unless bytes) and keeps every request body in `received`."""

    def __init__(self) -> None:
        self.status, self.body = 200, [{"recipient_id": "x", "text": "Hello"}]
        self.received: list[dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                stub.received.append(json.loads(self.rfile.read(length) or b"{}"))
                body = stub.body if isinstance(stub.body, bytes) else json.dumps(stub.body).encode()
                self.send_response(stub.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Client:
    """A browser tab on the app: keeps its cookies (the console's session) between requests.
    `get`/`post` return the response; `both` sends requests at the same time."""

    def __init__(self, app: Sanic):
        self.loop = asyncio.new_event_loop()
        self.reusable = ReusableClient(app, port=free_port(), loop=self.loop,
                                       server_kwargs={"access_log": False})
        self.reusable.run()

    def get(self, path: str, **kwargs: Any) -> TestingResponse:
        return self.reusable.get(path, **kwargs)[1]

    def post(self, path: str, **kwargs: Any) -> TestingResponse:
        return self.reusable.post(path, **kwargs)[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.reusable.port}{path}"

    def close(self) -> None:
        """Stop the server, then end what its connections left on the loop (a browser's
        kept-alive connection), so nothing runs on a closed loop later."""
        self.reusable.stop()
        left = asyncio.all_tasks(self.loop)
        for task in left:
            task.cancel()
        self.loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
        self.loop.close()
        asyncio.set_event_loop(None)


@pytest.fixture
def rasa() -> Iterator[StubRasa]:
    stub = StubRasa()
    yield stub
    stub.close()


@pytest.fixture
def settings_for_tests(tmp_path: Path, rasa: StubRasa) -> Settings:
    """Exactly the settings the app runs with: nothing comes from the environment."""
    return Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", rasa_url=rasa.url,
                    web_secret_key=secrets.token_urlsafe(48),
                    web_secret_key_file=tmp_path / "unused.key", assistant_timeout_seconds=5)


@pytest.fixture
def app(settings_for_tests: Settings, database: Engine) -> Sanic:
    return create_app(settings_for_tests, name=f"web_{uuid.uuid4().hex[:10]}")


@pytest.fixture
def client(app: Sanic) -> Iterator[Client]:
    running = Client(app)
    yield running
    running.close()


@pytest.fixture
def database(settings_for_tests: Settings) -> Engine:
    """The app's database at this code's schema, for arranging what a test needs."""
    engine = advice_engine(settings_for_tests.database_url)
    try:  # imported here: the migrations are new, and being committed beside this work
        from core.migrate import upgrade
    except ImportError:  # before them, advice_engine made the tables on first use
        return engine
    upgrade(engine)
    return engine


def new_conversation(client: Client) -> tuple[str, dict[str, str]]:
    """A conversation as the page starts one (POST /api/chat/session): its id, and the
    header every chat and relay call carries."""
    session = client.post("/api/chat/session")
    assert session.status == 200, session.text[:200]
    return session.json["conversation_id"], {"Authorization": f"Bearer {session.json['token']}"}
