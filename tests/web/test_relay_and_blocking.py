"""The resident's side of a live chat, and blocking work kept off the event loop.

The event loop of these tests runs in the test's own (main) thread, so any SQL statement
or password check seen on the main thread while a request is served ran on the loop,
holding up every other resident and adviser on the same server."""
from __future__ import annotations

import asyncio
import functools
import re
import threading
import time

import pytest
import requests
from argon2 import PasswordHasher
from sqlalchemy import event

from advice.accounts import create_adviser, set_first_name
from advice.cases import NewRequest, claim, open_request, reply
from advice.models import SUPERVISOR
from tests.web.conftest import new_conversation

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def adviser_says(database, conversation_id: str, text: str, first_name: str | None = None):
    case = open_request(database, NewRequest(
        conversation_id=conversation_id, channel="live_chat", language="en",
        urgency="normal", summary="Asked about: bidding.", council="birmingham"))
    adviser = create_adviser(database, "hafsa", PASSWORD, role=SUPERVISOR)
    if first_name:
        set_first_name(database, adviser.id, first_name)
    claim(database, case.id, adviser)
    reply(database, case.id, adviser, text)
    return case


def test_the_resident_gets_the_advisers_words_and_chosen_name(client, database):
    conversation_id, headers = new_conversation(client)
    adviser_says(database, conversation_id, "مرحبا", first_name="Amira")
    answer = client.get("/api/chat/updates", params={"after": 0}, headers=headers)
    assert answer.status == 200 and answer.headers["cache-control"] == "no-store"
    assert answer.json["status"] == "in_conversation"
    [message] = answer.json["messages"]
    assert (message["text"], message["from"], message["dir"], message["name"]) == \
        ("مرحبا", "adviser", "rtl", "Amira")
    after = client.get("/api/chat/updates", params={"after": answer.json["cursor"]},
                       headers=headers)
    assert after.json["messages"] == []


@pytest.mark.parametrize("after", ["x", "-1", str(2 ** 63), "1e3"])
def test_a_bad_cursor_is_400_json(client, after):
    _, headers = new_conversation(client)
    answer = client.get("/api/chat/updates", params={"after": after}, headers=headers)
    assert answer.status == 400 and "'after' must be a whole number" in answer.json["error"]


def test_another_conversation_reads_nothing(client, database):
    adviser_says(database, "d" * 32, "Your reference is HN-ABC123.")
    _, headers = new_conversation(client)
    mine = client.get("/api/chat/updates", headers=headers)
    assert mine.json["messages"] == [] and mine.json["status"] == "none"
    assert client.get("/api/chat/updates", params={"sender": "d" * 32}).status == 403


@pytest.fixture
def on_the_loop(database, monkeypatch):
    """What blocking work ran on the main thread (the event loop's) during requests."""
    seen: list[str] = []
    main = threading.main_thread()

    def statement(_conn, _cursor, sql, *_args):
        if threading.current_thread() is main and watching.is_set():
            seen.append(sql.split()[0] + " " + sql[:60])

    real_verify = PasswordHasher.verify

    def verify(self, *args, **kwargs):
        if threading.current_thread() is main and watching.is_set():
            seen.append("argon2 verify")
        return real_verify(self, *args, **kwargs)

    watching = threading.Event()
    event.listen(database, "before_cursor_execute", statement)
    monkeypatch.setattr(PasswordHasher, "verify", verify)
    yield seen, watching
    event.remove(database, "before_cursor_execute", statement)


def test_no_handler_touches_the_database_or_argon2_on_the_loop(client, database, on_the_loop):
    seen, watching = on_the_loop
    conversation_id, headers = new_conversation(client)
    case = adviser_says(database, conversation_id, "Hello")
    create_adviser(database, "bea", PASSWORD, councils=["birmingham"])
    watching.set()
    client.get("/api/chat/updates", headers=headers)
    form = client.get("/console/login").text
    client.post("/console/login", data={"csrf": CSRF.search(form).group(1),
                                        "username": "hafsa", "password": PASSWORD})
    for path in ("/console", "/console/api/queue", f"/console/cases/{case.public_id}",
                 f"/console/api/cases/{case.public_id}/transcript", "/console/advisers",
                 "/console/audit"):
        assert client.get(path).status == 200, path
    token = CSRF.search(client.get("/console").text).group(1)
    assert client.post(f"/console/cases/{case.public_id}/reply",
                       data={"csrf": token, "text": "More"}).status == 200
    client.post("/console/advisers/bea/councils", data={"csrf": token, "councils": "coventry"})
    client.post("/console/logout", data={"csrf": token})
    watching.clear()
    assert seen == []


def test_a_slow_database_does_not_hold_up_other_requests(client, monkeypatch):
    """One resident's poll waiting a second on the database; /healthz answers meanwhile."""
    import web.relay

    real = web.relay.updates_for_resident

    def slow(*args, **kwargs):
        time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(web.relay, "updates_for_resident", slow)
    _, headers = new_conversation(client)

    async def poll_and_check_health():
        """Both from threads of their own, as two browsers: the loop only serves."""
        loop = asyncio.get_running_loop()
        poll = loop.run_in_executor(None, functools.partial(
            requests.get, client.url("/api/chat/updates"), timeout=10,
            headers={**headers, "Connection": "close"}))
        health = loop.run_in_executor(None, timed_get, client.url("/healthz"), 0.2)
        return (await poll).status_code, await health

    status, (health_status, health_took) = client.loop.run_until_complete(
        poll_and_check_health())
    assert status == 200 and health_status == 200
    assert health_took < 0.5, f"/healthz waited {health_took:.2f} s behind the database"


def timed_get(url: str, after: float) -> tuple[int, float]:
    time.sleep(after)
    started = time.perf_counter()
    status = requests.get(url, timeout=10, headers={"Connection": "close"}).status_code
    return status, time.perf_counter() - started
