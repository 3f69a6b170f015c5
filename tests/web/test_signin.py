"""One way in for the console, the studio and insights (web/signin/): the same log-in
page, form token, password check, session, audit and log-out behind each door, each with
its own cookies on its own path and its own audit events."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from advice.accounts import audit_log, create_adviser
from advice.models import SUPERVISOR, ConsoleSession

PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
# (path, session cookie, log-in form cookie, audit prefix, heading)
DOORS = [("/console", "hn_console", "hn_login_csrf", "", "<h1>Log in</h1>"),
         ("/studio", "hn_studio", "hn_studio_login", "studio_", "<h1>Log in to the studio</h1>"),
         ("/insights", "hn_insights", "hn_insights_login", "insights_",
          "<h1>Log in to insights</h1>")]


@pytest.fixture
def supervisor(database):
    """A supervisor may use all three: the console, the studio and insights."""
    create_adviser(database, "sue", PASSWORD, display_name="Sue Lee", role=SUPERVISOR)
    return "sue"


def cookie_path(answer, name: str) -> str | None:
    """The Path a Set-Cookie header gives `name`, or None when it sets no such cookie."""
    for header in answer.headers.get_list("set-cookie"):
        if header.startswith(f"{name}="):
            found = re.search(r"[Pp]ath=([^;]+)", header)
            return found.group(1) if found else ""
    return None


@pytest.mark.parametrize("door, session, form_cookie, prefix, heading", DOORS)
def test_each_door_logs_in_audits_and_logs_out_on_its_own_path(
        client, database, supervisor, door, session, form_cookie, prefix, heading):
    form = client.get(f"{door}/login")
    assert form.status == 200 and heading in form.text
    assert f'action="{door}/login"' in form.text
    assert cookie_path(form, form_cookie) == door
    failed = client.post(f"{door}/login", data={"csrf": CSRF.search(form.text).group(1),
                                                 "username": "sue", "password": "wrong"})
    assert failed.status == 401 and "Those details did not work." in failed.text
    again = CSRF.search(failed.text).group(1)
    signed = client.post(f"{door}/login", allow_redirects=False,
                         data={"csrf": again, "username": "sue", "password": PASSWORD})
    assert signed.status == 303 and signed.headers["location"] == door
    assert cookie_path(signed, session) == door
    with Session(database) as db:
        token = db.execute(select(ConsoleSession.csrf_token)).scalar_one()
    out = client.post(f"{door}/logout", data={"csrf": token}, allow_redirects=False)
    assert out.status == 303 and out.headers["location"] == f"{door}/login"
    assert [e.action for e in audit_log(database)] == \
        [f"{prefix}logout", f"{prefix}login", f"{prefix}login_failed"]  # newest first
    with Session(database) as db:
        assert db.execute(select(ConsoleSession)).first() is None  # ended everywhere


@pytest.mark.parametrize("door", [d[0] for d in DOORS])
def test_each_door_refuses_a_stale_form_and_a_post_without_the_session_token(
        client, supervisor, door):
    client.get(f"{door}/login")
    stale = client.post(f"{door}/login", data={"csrf": "old", "username": "sue",
                                                "password": PASSWORD})
    assert stale.status == 403 and "out of date" in stale.text
    form = client.get(f"{door}/login")
    signed = client.post(f"{door}/login", allow_redirects=False, data={
        "csrf": CSRF.search(form.text).group(1), "username": "sue", "password": PASSWORD})
    assert signed.status == 303
    refused = client.post(f"{door}/logout", data={"csrf": "not the session's"},
                          allow_redirects=False)
    assert refused.status == 403 and "out of date" in refused.text
