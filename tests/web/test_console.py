"""The adviser console over HTTP, in this process: sessions, roles, CSRF, the log-in
lock-out, and refusals shaped for a browser (a page, a redirect) or a script (JSON)."""
from __future__ import annotations

import re

import pytest

from advice import accounts
from advice.accounts import audit_log, create_adviser
from advice.cases import NewRequest, open_request
from advice.models import SUPERVISOR

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def log_in(client, username: str, password: str = PASSWORD):
    form = client.get("/console/login")
    token = CSRF.search(form.text).group(1)
    return client.post("/console/login", data={"csrf": token, "username": username,
                                                "password": password})


def session_csrf(client) -> str:
    """The CSRF token of the signed-in session, as the pages' forms carry it."""
    return CSRF.search(client.get("/console").text).group(1)


@pytest.fixture
def team(database):
    create_adviser(database, "bea", PASSWORD, display_name="Bea Khan", councils=["birmingham"])
    create_adviser(database, "sue", PASSWORD, display_name="Sue Lee", role=SUPERVISOR)
    return open_request(database, NewRequest(
        conversation_id="c" * 32, channel="live_chat", language="en", urgency="normal",
        summary="Asked about: bidding.", council="birmingham"))


def test_without_a_session_a_page_redirects_and_a_script_gets_401_json(client, team):
    page = client.get("/console", allow_redirects=False)
    assert page.status == 303 and page.headers["location"] == "/console/login"
    api = client.get("/console/api/queue")
    assert api.status == 401 and api.json == {"error": "Please log in."}


def test_a_signed_in_page_shows_who_and_carries_the_session_csrf(client, team):
    answer = log_in(client, "bea")
    assert answer.status == 200 and str(answer.url).endswith("/console")
    assert "Bea Khan (adviser; en)" in answer.text
    # Every form of the page (log out, first name) carries the session's token.
    tokens = set(CSRF.findall(answer.text))
    assert len(tokens) == 1
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["x-frame-options"] == "DENY"


def test_supervisor_pages_are_refused_to_advisers(client, team, database):
    log_in(client, "bea")
    for path in ("/console/advisers", "/console/audit"):
        refused = client.get(path)
        assert refused.status == 403, path
        assert refused.headers["content-type"].startswith("text/html")
        assert "This page is for supervisors." in refused.text
        assert refused.headers["cache-control"] == "no-store"  # console headers on errors too


def test_a_supervisor_sees_the_advisers_and_the_audit(client, team):
    log_in(client, "sue")
    advisers = client.get("/console/advisers")
    assert advisers.status == 200 and "Bea Khan" in advisers.text
    audit = client.get("/console/audit")
    assert audit.status == 200 and "view_audit" in audit.text


def test_a_change_without_the_csrf_token_is_refused(client, team, database):
    log_in(client, "bea")
    case = team.public_id
    refused = client.post(f"/console/cases/{case}/claim", data={"csrf": "forged"},
                          allow_redirects=False)
    assert refused.status == 403 and "out of date" in refused.text
    by_script = client.post(f"/console/cases/{case}/claim", allow_redirects=False,
                            headers={"Accept": "application/json"})
    assert by_script.status == 403
    assert by_script.json == {"error": "The form was out of date. Please reload the page."}
    assert [e.action for e in audit_log(database) if e.action == "claim"] == []
    done = client.post(f"/console/cases/{case}/claim", data={"csrf": session_csrf(client)},
                       allow_redirects=False)
    assert done.status == 303 and done.headers["location"] == f"/console/cases/{case}"


def test_a_script_claims_with_the_header_and_a_second_claim_is_409(client, team, database):
    log_in(client, "sue")
    headers = {"X-CSRF-Token": session_csrf(client), "Accept": "application/json"}
    path = f"/console/cases/{team.public_id}/claim"
    assert client.post(path, headers=headers).json == {"ok": True}
    create_adviser(database, "ann", PASSWORD, role=SUPERVISOR)
    client.post("/console/logout", data={"csrf": session_csrf(client)})
    log_in(client, "ann")
    again = client.post(path, headers={**headers, "X-CSRF-Token": session_csrf(client)})
    assert again.status == 409
    assert again.json == {"error": "Another adviser has already claimed this case."}


def test_a_case_that_does_not_exist_or_is_not_theirs(client, team, database):
    create_adviser(database, "cal", PASSWORD, councils=["coventry"])
    log_in(client, "cal")
    missing = client.get("/console/api/cases/nosuchcase/transcript")
    assert missing.status == 404 and missing.json == {"error": "There is no such case."}
    other = client.get(f"/console/cases/{team.public_id}")
    assert other.status == 403 and "another council" in other.text
    assert audit_log(database)[0].action == "read_refused"  # newest first


def test_after_the_free_failures_the_address_waits_with_retry_after(client, team, database):
    for _ in range(accounts.FREE_FAILURES_PER_ADDRESS + 3):
        accounts.record_failure(database, "someone", "127.0.0.1")
    slowed = log_in(client, "bea")  # the right password, from an address being slowed
    assert slowed.status == 429
    assert int(slowed.headers["retry-after"]) >= 1
    assert "Those details did not work." in slowed.text
    assert client.get("/console/api/queue").status == 401  # no session was started


def test_a_wrong_password_is_401_and_audited(client, team, database):
    answer = log_in(client, "bea", "not the password")
    assert answer.status == 401 and "Those details did not work." in answer.text
    assert "retry-after" not in answer.headers
    assert [e.action for e in audit_log(database)] == ["login_failed"]


def test_a_stale_login_form_is_refused(client, team):
    client.get("/console/login")
    answer = client.post("/console/login", data={"csrf": "old", "username": "bea",
                                                 "password": PASSWORD})
    assert answer.status == 403 and "out of date" in answer.text
