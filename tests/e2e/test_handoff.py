"""Handing a resident to an adviser across the real processes: the resident talks to
Rasa through the web server; the adviser uses the console on the same web server."""
from __future__ import annotations

import re
import time

import pytest
import requests
from sqlalchemy import text

from advice import advice_engine
from advice.accounts import create_adviser
from advice.cases import open_request_for
from advice.models import SUPERVISOR
from knowledge.database import make_engine
from tests.e2e.console_client import ConsoleUser
from tests.e2e.web_client import WebConversation

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def web(stack) -> str:
    return f"http://127.0.0.1:{stack.ports.web}"


@pytest.fixture(scope="module")
def accounts(stack):
    engine = advice_engine(stack.env["DATABASE_URL"])
    create_adviser(engine, "hafsa", PASSWORD, display_name="Hafsa", languages=["en", "ur"],
                   councils=["birmingham"])
    create_adviser(engine, "sofia", PASSWORD, display_name="Sofia", languages=["en"],
                   role=SUPERVISOR)


class WebResident:
    def __init__(self, web: str):
        self.conversation = WebConversation(web)  # issued by the server, sent as a token
        self.sender = self.conversation.id

    def say(self, text: str, **extra) -> list[dict]:
        answer = self.conversation.post(text, **extra)
        assert answer.status_code == 200, answer.text
        return answer.json()["messages"]

    def updates(self, after: int = 0) -> dict:
        return self.conversation.updates(after).json()


def test_live_chat_from_request_to_return(web, accounts):
    adviser = ConsoleUser(web)
    assert adviser.login("hafsa", PASSWORD).status_code == 200
    resident = WebResident(web)
    resident.say("/choose_language{\"language\":\"ur\"}")
    offer = resident.say("mujhe kisi insaan se baat karni hai")
    payloads = [b["payload"] for m in offer for b in m.get("buttons", [])]
    assert "/handoff_live_chat" in payloads  # an adviser is online
    waiting = resident.say("/handoff_live_chat", worker={"organisation": "Saheli Hub"})
    assert waiting[0]["custom"] == {"handoff": "waiting"}
    assert resident.updates()["status"] == "waiting"

    reference = re.search(r"HN-[A-Z0-9]{6}", waiting[0]["text"]).group(0)
    [case] = [c for c in adviser.queue() if c["reference"] == reference]
    assert (case["status"], case["language"]) == ("waiting", "ur")
    assert case["interpreter_needed"] is False  # Hafsa speaks Urdu
    page = adviser.get(f"/console/cases/{case['id']}")
    assert "Saheli Hub" in page.text and "Language: Urdu" in page.text
    assert adviser.post(f"/console/cases/{case['id']}/claim").status_code == 200

    # While the adviser holds the conversation the assistant is quiet...
    assert resident.say("kya aap meri madad kar sakti hain?") == []
    # ...except in a crisis.
    crisis = resident.say("mera shohar mujhe maarta hai aur ghar se nikalne nahi deta")
    assert crisis and "999" in crisis[0]["text"]

    adviser.post(f"/console/cases/{case['id']}/reply", text="جی، میں حفصہ ہوں۔ میں مدد کروں گی۔")
    update = resident.updates()
    assert [m["text"] for m in update["messages"]] == ["جی، میں حفصہ ہوں۔ میں مدد کروں گی۔"]
    assert update["messages"][0]["dir"] == "rtl" and update["status"] == "in_conversation"

    transcript = adviser.get(f"/console/api/cases/{case['id']}/transcript").json()["lines"]
    said = [(line["speaker"], line["text"]) for line in transcript]
    assert ("resident", "kya aap meri madad kar sakti hain?") in said
    assert said[-1] == ("adviser", "جی، میں حفصہ ہوں۔ میں مدد کروں گی۔")
    assistant = [line for line in transcript if line["speaker"] == "assistant"]
    assert any(line["english"] for line in assistant)  # the adviser can read what was said

    adviser.post(f"/console/cases/{case['id']}/return")
    assert resident.updates(update["cursor"])["status"] == "returned"
    answer = resident.say("council ghar ke liye apply kaise karein?")
    assert answer, "the assistant answers again after the adviser hands back"


def test_callback_asks_consent_first_and_keeps_contact_out_of_the_conversation(web, stack):
    resident = WebResident(web)
    first = resident.say("/handoff_callback")
    assert [b["payload"] for b in first[-1]["buttons"]] == ["/affirm", "/deny"]
    resident.say("/affirm")
    resident.say('/inform_callback{"best_time":"evening"}')
    resident.say("/deny")
    asked = resident.say('/inform_callback{"adviser_gender":"woman"}')
    assert "phone number or email" in asked[-1]["text"]
    retry = resident.say("tomorrow please")
    assert "doesn't look like" in retry[0]["text"]
    booked = resident.say("07700 900456")
    assert "HN-" in booked[-1]["text"]
    # The number opened the request, and is nowhere in the stored conversation.
    engine = make_engine(stack.env["DATABASE_URL"])
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT data FROM events WHERE sender_id = :s"),
                                    {"s": resident.sender}).scalars().all()
    assert len(stored) > 10 and not any("900456" in row for row in stored)
    request = open_request_for(advice_engine(stack.env["DATABASE_URL"]), resident.sender)
    assert (request.contact_value, request.best_time, request.interpreter_needed,
            request.adviser_gender) == ("07700900456", "evening", False, "woman")


def test_no_consent_no_callback(web):
    resident = WebResident(web)
    resident.say("/handoff_callback")
    refused = resident.say("/deny")
    assert "not kept any contact details" in refused[0]["text"]


SOME_CASE = "A" * 22  # shaped like a public id
CONSOLE_PAGES = ["/console", "/console/api/queue", f"/console/cases/{SOME_CASE}",
                 f"/console/api/cases/{SOME_CASE}/transcript", "/console/advisers",
                 "/console/audit"]
CONSOLE_ACTIONS = [f"/console/cases/{SOME_CASE}/{step}"
                   for step in ("claim", "reply", "resolve", "return")] + \
    ["/console/advisers", "/console/logout"]
SUPERVISOR_ONLY = ["/console/advisers", "/console/audit"]


def test_anonymous_access_is_refused_everywhere(web):
    anonymous = requests.Session()
    for path in CONSOLE_PAGES:
        answer = anonymous.get(web + path, allow_redirects=False, timeout=10)
        assert answer.status_code in (401, 303), path
        if answer.status_code == 303:
            assert answer.headers["location"] == "/console/login"
    for path in CONSOLE_ACTIONS:
        answer = anonymous.post(web + path, data={"text": "x"}, allow_redirects=False,
                                timeout=10)
        assert answer.status_code in (401, 303), path
    assert anonymous.get(web + "/console/api/queue", timeout=10).status_code == 401


def test_advisers_cannot_use_supervisor_pages_and_csrf_is_required(web, accounts):
    adviser = ConsoleUser(web)
    adviser.login("hafsa", PASSWORD)
    for path in SUPERVISOR_ONLY:
        assert adviser.get(path, allow_redirects=False).status_code == 403, path
    assert adviser.post("/console/advisers", username="mallory",
                        password="x" * 20).status_code == 403
    assert adviser.post(f"/console/cases/{SOME_CASE}/delete").status_code == 404  # no such action
    forged = adviser.http.post(f"{web}/console/cases/{SOME_CASE}/claim", data={"csrf": "forged"},
                               allow_redirects=False, timeout=10)
    assert forged.status_code == 403
    supervisor = ConsoleUser(web)
    supervisor.login("sofia", PASSWORD)
    assert supervisor.get("/console/advisers").status_code == 200
    audit = supervisor.get("/console/audit").text
    assert "login" in audit and "view_case" in audit


def test_wrong_passwords_slow_down_without_locking_the_account(web, stack):
    engine = advice_engine(stack.env["DATABASE_URL"])
    create_adviser(engine, "slowed.down", PASSWORD)
    user = ConsoleUser(web)
    for _ in range(5):
        assert user.login("slowed.down", "not the password").status_code == 401
    answer = user.login("slowed.down", PASSWORD)
    assert answer.status_code == 200 and answer.url.endswith("/console")


def test_relay_works_across_web_replicas(stack, web, accounts, tmp_path):
    """A second web server on the same database and Rasa: the adviser works on one, the
    resident on the other, as behind a load balancer. Nothing is kept in one process."""
    import subprocess
    import sys

    from ops.stack import ROOT, free_port

    port = free_port()
    log = open(tmp_path / "web2.log", "wb")
    replica = subprocess.Popen([sys.executable, "-m", "web", "--port", str(port)], cwd=ROOT,
                               env=stack._environment(), stdout=log, stderr=subprocess.STDOUT)
    try:
        second = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if requests.get(second + "/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        adviser = ConsoleUser(web)
        adviser.login("hafsa", PASSWORD)
        resident = WebResident(second)
        waiting = resident.say("/handoff_live_chat")
        reference = re.search(r"HN-[A-Z0-9]{6}", waiting[0]["text"]).group(0)
        case = next(c for c in adviser.queue() if c["reference"] == reference)
        adviser.post(f"/console/cases/{case['id']}/claim")
        adviser.post(f"/console/cases/{case['id']}/reply", text="Hello from replica one")
        update = resident.updates()
        assert [m["text"] for m in update["messages"]] == ["Hello from replica one"]
        assert resident.say("thank you") == []  # quiet on replica two as well
        adviser.post(f"/console/cases/{case['id']}/resolve")
        assert resident.updates(update["cursor"])["status"] == "resolved"
    finally:
        replica.terminate()
        replica.wait(timeout=20)
        log.close()
