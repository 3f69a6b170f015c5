"""Fast fault tests (issue 17 item 5): the web tier keeps each conversation on one Rasa
replica and carries on on the next one when that replica fails, over real HTTP with
stand-in replicas; and how the fault run counts what residents got (ops/bench/faults.py).
The fault run itself (real replicas on PostgreSQL and Redis) is `python -m ops.bench faults`;
tests/ops/test_faults_stack.py runs the real assistant on two replicas."""
from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from core.settings import Settings
from ops.bench.faults import History, Phase, Sent, history_problem, kept_history, tally
from ops.stack import free_port
from tests.web.conftest import Client, new_conversation
from web.chat import router_of
from web.server import create_app


class Replica:
    """A stand-in Rasa replica on a fixed port: answers with its name, can be stopped and
    started again on the same port, made to fail (status) or to hang (delay)."""

    def __init__(self, name: str) -> None:
        self.name, self.port = name, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.received: list[dict[str, Any]] = []
        self.status, self.delay = 200, 0.0
        self.server: ThreadingHTTPServer | None = None
        self.start()

    def start(self) -> None:
        replica = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                replica.received.append(json.loads(self.rfile.read(length)))
                time.sleep(replica.delay)
                body = json.dumps([{"text": f"from {replica.name}"}]).encode()
                try:
                    self.send_response(replica.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the web tier gave up waiting (the hanging replica's test)

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def replicas() -> Iterator[dict[str, Replica]]:
    made = {name: Replica(name) for name in ("one", "two")}
    yield made
    for replica in made.values():
        replica.stop()


@pytest.fixture
def web(tmp_path: Path, replicas: dict[str, Replica]) -> Iterator[Client]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}",
                        rasa_url=replicas["one"].url,
                        rasa_urls=tuple(r.url for r in replicas.values()),
                        web_secret_key=secrets.token_urlsafe(48),
                        web_secret_key_file=tmp_path / "unused.key", assistant_timeout_seconds=3)
    app = create_app(settings, name=f"web_{uuid.uuid4().hex[:10]}")
    router_of(app).back_off_seconds = 0.5
    client = Client(app)
    yield client
    client.close()


def say(web: Client, headers: dict[str, str], text: str) -> tuple[int, str]:
    answer = web.post("/api/chat", json={"message": text}, headers=headers)
    return answer.status, (answer.json.get("messages") or [{}])[0].get("text", "")


def owner_and_other(web: Client, replicas: dict[str, Replica],
                    headers: dict[str, str]) -> tuple[Replica, Replica]:
    status, text = say(web, headers, "hello")
    assert status == 200
    owner = replicas[text.removeprefix("from ")]
    return owner, next(r for r in replicas.values() if r is not owner)


def test_every_message_of_a_conversation_goes_to_one_replica(web, replicas):
    for _ in range(4):
        conversation, headers = new_conversation(web)
        owner, other = owner_and_other(web, replicas, headers)
        for text in ("I need housing", "Birmingham", "thanks"):
            assert say(web, headers, text) == (200, f"from {owner.name}")
        assert [m["message"] for m in owner.received if m["sender"] == conversation] == [
            "hello", "I need housing", "Birmingham", "thanks"]
        assert all(m["sender"] != conversation for m in other.received)


def test_a_killed_replica_loses_no_message_and_the_conversation_comes_back(web, replicas):
    conversation, headers = new_conversation(web)
    owner, other = owner_and_other(web, replicas, headers)
    owner.stop()
    assert say(web, headers, "are you there") == (200, f"from {other.name}")
    assert say(web, headers, "still there") == (200, f"from {other.name}")
    owner.start()
    time.sleep(0.6)  # the back-off (0.5 s here, 5 s by default) passes
    assert say(web, headers, "back again") == (200, f"from {owner.name}")
    assert [m["message"] for m in other.received if m["sender"] == conversation] == [
        "are you there", "still there"]


def test_a_replica_answering_500_hands_the_message_to_the_next(web, replicas):
    _, headers = new_conversation(web)
    owner, other = owner_and_other(web, replicas, headers)
    owner.status = 500
    assert say(web, headers, "hello again") == (200, f"from {other.name}")


def test_a_replica_that_took_the_message_and_hangs_is_not_doubled(web, replicas):
    """Handing the same turn to a second replica while the first may still be handling it
    is the interleaving routing exists to prevent: the resident is told to try again."""
    conversation, headers = new_conversation(web)
    owner, other = owner_and_other(web, replicas, headers)
    owner.delay = 4  # past the web tier's 3 s
    assert say(web, headers, "slow one")[0] == 503
    assert all(m["sender"] != conversation for m in other.received)
    owner.delay = 0
    # The next message goes to the other replica while the hung one rests.
    assert say(web, headers, "next") == (200, f"from {other.name}")


# ---- counting what residents got (ops/bench/faults.py) ---------------------------------

UNAVAILABLE = {"text": "Sorry", "custom": {"assistant_unavailable": True}}


@pytest.mark.parametrize("sent, kind", [
    (Sent(0, "c", 200, ({"text": "Hi"},)), "answered"),
    (Sent(0, "c", 200, ({"text": "Hi"}, UNAVAILABLE)), "fallback"),
    (Sent(0, "c", 200, ()), "lost"),
    (Sent(0, "c", 503, ({"text": "x"},)), "lost"),
    (Sent(0, "c", 0), "lost"),
])
def test_what_a_message_counts_as(sent, kind):
    assert sent.kind == kind


def test_history_is_kept_when_one_session_holds_every_answered_turn():
    turns = [Sent(0, "c", 200, ({"text": "a"},)), Sent(1, "c", 200, (UNAVAILABLE,)),
             Sent(2, "c", 200, ({"text": "b"},))]
    assert kept_history(turns, History(sessions=1, user_turns=2))
    assert kept_history(turns, History(sessions=1, user_turns=3))
    assert history_problem(turns, History(sessions=1, user_turns=1)) == "turns missing"
    assert history_problem(turns, History(sessions=2, user_turns=3)) == "started afresh"
    assert history_problem(turns, History(sessions=1, user_turns=4)) == "turns doubled"
    assert history_problem(turns, None) == "not stored"
    assert kept_history([Sent(0, "c", 200, (UNAVAILABLE,))], None)  # nothing to keep yet


def test_a_phase_counts_its_own_messages_and_the_history_lost_in_it():
    ok, sorry = ({"text": "x"},), (UNAVAILABLE,)
    samples = [Sent(5, "a", 200, ok, done=6), Sent(11, "a", 200, sorry, done=12),
               Sent(12, "b", 503, done=13), Sent(14, "c", 200, ok, done=15),
               Sent(25, "b", 200, ok, done=26)]
    before = {"a": History(1, 1)}
    after = {"a": History(2, 2), "b": History(1, 1), "c": History(1, 1)}
    row = tally(Phase("fault", 10, 20), samples, after, before)
    assert (row.sent, row.answered, row.fallback, row.lost) == (3, 1, 1, 1)
    assert (row.conversations, row.kept, row.seconds) == (3, 2, 10)
    assert row.problems == "1 started afresh"  # a: a second session began in this phase
