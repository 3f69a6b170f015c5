"""Finding 4: who may read a case in the adviser console, audit of every read, and case
URLs that cannot be guessed. Over real HTTP against the real web app (served from a thread)."""
from __future__ import annotations

import re

import pytest

from advice import cases
from advice.accounts import audit_log, create_adviser
from advice.cases import NewRequest
from advice.models import RESOLVED, SUPERVISOR
from tests.e2e.console_client import ConsoleUser, console_db, console_web  # noqa: F401

PASSWORD = "correct horse battery"


def open_case(engine, conversation: str, council: str | None, **extra):
    return cases.open_request(engine, NewRequest(
        conversation_id=conversation, channel="callback", language="en", urgency="normal",
        summary="Asked about: repairs.", council=council, contact_method="phone",
        contact_value="07700900123", **extra))


@pytest.fixture
def team(console_db):
    """Two council advisers, one with no council, one supervisor; and one case per council."""
    create_adviser(console_db, "bea", PASSWORD, councils=["birmingham"])
    create_adviser(console_db, "cal", PASSWORD, councils=["coventry"])
    create_adviser(console_db, "nia", PASSWORD)  # no councils yet
    create_adviser(console_db, "sue", PASSWORD, role=SUPERVISOR)
    return {"birmingham": open_case(console_db, "conv-bham-0001", "birmingham"),
            "coventry": open_case(console_db, "conv-cov-00001", "coventry"),
            None: open_case(console_db, "conv-none-0001", None)}


def signed_in(web: str, username: str) -> ConsoleUser:
    user = ConsoleUser(web)
    assert user.login(username, PASSWORD).status_code == 200
    return user


def test_an_adviser_reads_only_their_councils_cases(console_web, team):
    """Finding 4: any adviser could read any case, with contact details. Now an adviser of
    another council (or with no council) gets 403 on the page and the transcript."""
    bham = team["birmingham"].public_id
    bea, cal, nia, sue = (signed_in(console_web, n) for n in ("bea", "cal", "nia", "sue"))
    for reader in (bea, sue):
        page = reader.get(f"/console/cases/{bham}")
        assert page.status_code == 200 and "07700900123" in page.text
        assert reader.get(f"/console/api/cases/{bham}/transcript").status_code == 200
    for outsider in (cal, nia):
        page = outsider.get(f"/console/cases/{bham}", allow_redirects=False)
        assert page.status_code == 403 and "07700900123" not in page.text
        assert outsider.get(f"/console/api/cases/{bham}/transcript").status_code == 403
        assert outsider.post(f"/console/cases/{bham}/claim").status_code == 403


def test_the_queue_lists_only_cases_the_adviser_may_read(console_web, team):
    """Finding 4: the queue showed every case to every adviser. Cases whose council is not
    known are for every adviser (someone has to pick them up); an adviser with no councils
    sees only those, and the cases they claimed."""
    refs = {council: row.reference for council, row in team.items()}

    def listed(user: ConsoleUser) -> set[str]:
        return {case["reference"] for case in user.queue()}

    assert listed(signed_in(console_web, "bea")) == {refs["birmingham"], refs[None]}
    assert listed(signed_in(console_web, "cal")) == {refs["coventry"], refs[None]}
    assert listed(signed_in(console_web, "nia")) == {refs[None]}
    assert listed(signed_in(console_web, "sue")) == set(refs.values())


def test_a_resolved_case_stays_with_its_adviser_and_council(console_web, console_db, team):
    """Finding 4: resolved cases were readable by anyone; the adviser who claimed a case can
    still read it when it is closed, an adviser of another council cannot."""
    row = team[None]
    nia = signed_in(console_web, "nia")
    assert nia.post(f"/console/cases/{row.public_id}/claim").status_code == 200
    assert nia.post(f"/console/cases/{row.public_id}/resolve").status_code == 200
    assert cases.get(console_db, row.id).status == RESOLVED
    assert nia.get(f"/console/cases/{row.public_id}").status_code == 200
    bham = team["birmingham"]
    assert nia.get(f"/console/cases/{bham.public_id}", allow_redirects=False).status_code == 403


def test_every_read_of_a_case_is_audited(console_web, console_db, team):
    """Finding 4: transcript reads (the console polls them) were not audited. Every read of
    the page or the transcript, and every refused read, is in the audit log."""
    bham = team["birmingham"]
    bea, cal = signed_in(console_web, "bea"), signed_in(console_web, "cal")
    bea.get(f"/console/cases/{bham.public_id}")
    bea.get(f"/console/api/cases/{bham.public_id}/transcript")
    bea.get(f"/console/api/cases/{bham.public_id}/transcript")
    cal.get(f"/console/api/cases/{bham.public_id}/transcript")
    reads = [(e.username, e.action) for e in reversed(audit_log(console_db))
             if e.handoff_id == bham.id]
    assert reads == [("bea", "view_case"), ("bea", "view_transcript"),
                     ("bea", "view_transcript"), ("cal", "read_refused")]


def test_case_urls_use_a_public_id_and_never_the_row_number(console_web, team):
    """Finding 4: case ids in URLs were sequential integers, so any case could be guessed.
    URLs and JSON now carry a random public id; the row number is not accepted anywhere."""
    sue = signed_in(console_web, "sue")
    listed = sue.queue()
    for case in listed:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", case["id"])
        assert not any(isinstance(value, int) and not isinstance(value, bool)
                       for value in case.values())
    page = sue.get("/console").text
    assert re.findall(r"/console/cases/([^\"/]+)", page) and not re.search(
        r"/console/cases/\d+\"", page)
    row = team["birmingham"]
    assert sue.get(f"/console/cases/{row.id}", allow_redirects=False).status_code == 404
    assert sue.get(f"/console/api/cases/{row.id}/transcript").status_code == 404
    case_page = sue.get(f"/console/cases/{row.public_id}").text
    assert f"/cases/{row.id}/" not in case_page and f"/cases/{row.public_id}/claim" in case_page


def test_only_a_supervisor_changes_an_advisers_councils(console_web, team):
    """Finding 4: advisers need councils for the scoping to mean anything (accounts made
    before start with none). A supervisor sets them; an adviser cannot widen their own."""
    bham = team["birmingham"].public_id
    nia = signed_in(console_web, "nia")
    assert nia.post("/console/advisers/nia/councils", councils="birmingham").status_code == 403
    assert nia.get(f"/console/cases/{bham}", allow_redirects=False).status_code == 403
    sue = signed_in(console_web, "sue")
    assert sue.post("/console/advisers/nia/councils", councils="birmingham").status_code == 200
    assert sue.post("/console/advisers/nia/councils", councils="atlantis").status_code == 400
    assert nia.get(f"/console/cases/{bham}").status_code == 200
