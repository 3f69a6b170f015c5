"""A fast fault test on the real assistant (issue 17 item 5): two Rasa replicas with the
shipped model on PostgreSQL and Redis, behind the web tier. The replica a conversation
lives on is killed; the conversation carries on on the other one with its history.

The action server is a stand-in that answers every action with no events: what is tested
is where the conversation's turns go and what the tracker keeps, not the answers, and
two real action servers would add minutes of start-up. Skipped, with the reason, when
PostgreSQL or Redis is not reachable here.
"""
from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

import pytest
import redis
import requests
from sqlalchemy import create_engine, text

from ops.bench.faults import PrivateDatabase
from ops.stack import ROOT, Ports, Stack
from tests.conftest import POSTGRES_URL
from web.routing import HashRing

REDIS_URL = "redis://127.0.0.1:6379/0"
MODEL = ROOT / "models" / "navigator.tar.gz"

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.e2e]


class NoEventsActionServer:
    """Answers every custom action with no events and no messages."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers["Content-Length"]))
                body = json.dumps({"events": [], "responses": []}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class ReplicasOnly(Stack):
    """The stack's Rasa replicas and web tier, every replica calling `action_url`."""

    action_url: str = ""

    def _plan(self):
        return [p for p in super()._plan() if not p.name.startswith("action server")]

    def _endpoints_file(self, action_port: int | None = None, rasa_port: int | None = None):
        import yaml

        data = yaml.safe_load((ROOT / "endpoints.yml").read_text())
        data["action_endpoint"]["url"] = self.action_url
        path = self.log_dir / f"endpoints-{rasa_port or self.ports.rasa}.yml"
        path.write_text(yaml.safe_dump(data))
        return path

    def warm_up(self, timeout: float) -> None:
        """Nothing to warm: the stand-in action server answers at once."""


def unreachable() -> str | None:
    try:
        create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3}).connect().close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable here"
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {type(exc).__name__}"
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001
        return f"Redis not reachable at {REDIS_URL}: {type(exc).__name__}"
    if not MODEL.exists():
        return f"no trained model at {MODEL} (make train)"
    return None


@pytest.fixture(scope="module")
def replicas(tmp_path_factory) -> Iterator[tuple[ReplicasOnly, PrivateDatabase]]:
    reason = unreachable()
    if reason:
        pytest.skip(reason)
    workdir = tmp_path_factory.mktemp("two-replicas")
    database = PrivateDatabase(admin_url=POSTGRES_URL,
                               name=f"navigator_replicas_{uuid.uuid4().hex[:10]}")
    database.create()
    actions = NoEventsActionServer()
    stack = ReplicasOnly(ports=Ports.free(), model=MODEL, log_dir=workdir, scale=2,
                         env={"DATABASE_URL": database.url, "REDIS_URL": REDIS_URL})
    stack.action_url = actions.url
    try:
        stack.start(timeout=600)
        yield stack, database
    finally:
        stack.stop()
        actions.close()
        database.drop()


def stored_turns(database: PrivateDatabase, sender: str) -> tuple[int, list[str]]:
    """Sessions started and the residents' messages, as Rasa stored the conversation."""
    engine = create_engine(database.url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT type_name, data FROM events WHERE sender_id = :s "
                                 "ORDER BY id"), {"s": sender}).fetchall()
    engine.dispose()
    sessions = sum(1 for kind, _ in rows if kind == "session_started")
    return sessions, [json.loads(data)["text"] for kind, data in rows if kind == "user"]


def test_a_killed_replica_the_conversation_carries_on_with_its_history(replicas):
    stack, database = replicas
    web = f"http://127.0.0.1:{stack.ports.web}"
    session = requests.post(f"{web}/api/chat/session", timeout=30).json()
    sender, headers = session["conversation_id"], {"Authorization": f"Bearer {session['token']}"}

    def say(message: str) -> None:
        # The stand-in action server sends no messages, so the replies may be empty: what
        # matters here is that a replica answered (200) and what it stored.
        answer = requests.post(f"{web}/api/chat", json={"message": message}, headers=headers,
                               timeout=120)
        assert answer.status_code == 200, answer.text[:300]
        assert isinstance(answer.json()["messages"], list)

    say("hello")
    say("how do I apply for social housing")
    owner = HashRing(tuple(stack.rasa_urls)).owner(sender)
    number = stack.rasa_urls.index(owner) + 1
    stack.kill("Rasa server" if number == 1 else f"Rasa server {number}")
    say("I live in Walsall")
    say("thanks")

    sessions, texts = stored_turns(database, sender)
    assert sessions == 1  # the surviving replica carried on the same session
    assert texts == ["hello", "how do I apply for social housing", "I live in Walsall", "thanks"]
