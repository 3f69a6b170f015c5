"""Finding 11 (console part): requests that made the console answer 500 must get 400/404.
Over real HTTP against the real web app (served from a thread)."""
from __future__ import annotations

from advice.accounts import create_adviser
from advice.models import SUPERVISOR
from tests.e2e.console_client import ConsoleUser, console_db, console_web  # noqa: F401

PASSWORD = "correct horse battery"
HUGE = "9" * 40


def test_the_static_folder_itself_is_not_found(console_web, console_db):
    """Finding 11: /console/static/ answered 500 (IsADirectoryError)."""
    anyone = ConsoleUser(console_web)
    for path in ("/console/static/", "/console/static", "/console/static/nothing.js",
                 "/console/static/../routes.py", "/console/static/%2e%2e/routes.py"):
        assert anyone.get(path, allow_redirects=False).status_code == 404, path
    style = anyone.get("/console/static/console.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    script = anyone.get("/console/static/console.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]


def test_huge_or_malformed_case_ids_are_not_found(console_web, console_db):
    """Finding 11: a huge integer as a case id answered 500 (OverflowError)."""
    create_adviser(console_db, "sue", PASSWORD, role=SUPERVISOR)
    sue = ConsoleUser(console_web)
    sue.login("sue", PASSWORD)
    for case_id in (HUGE, "-" + HUGE, "0", "x" * 300, "%00", "%FF"):
        answers = [sue.get(f"/console/cases/{case_id}", allow_redirects=False),
                   sue.get(f"/console/api/cases/{case_id}/transcript"),
                   sue.post(f"/console/cases/{case_id}/claim")]
        assert {a.status_code for a in answers} <= {400, 404}, case_id
