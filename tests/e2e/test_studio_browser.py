"""The housing team studio in a real browser (Debian's Chromium) against the real stack
(issue 18): an editor changes a Walsall article, a reviewer approves it and a resident's
chat shows the new text without a restart, then a one-step restore takes it back; a
translator marks an Urdu article reviewed and the draft note goes away for residents.
The studio's own pages (conflicts, validator messages, axe-core) are tested without the
assistant in test_studio_pages.py."""
from __future__ import annotations

import re
import time
import uuid

import pytest
import requests
from playwright.sync_api import expect

from actions.phrasebook import Phrasebook
from core.storage import shared_engine
from studio import store
from studio.preview import domain_responses
from tests.e2e.browser import ChatPage
from tests.e2e.conftest import Resident
from tests.studio.studio_client import PASSWORD, make_account

pytestmark = pytest.mark.e2e
DESKTOP = {"width": 1280, "height": 900}
WALSALL = "articles/allocations/apply-walsall.yml"
WALSALL_TITLE = "Applying for social housing in Walsall"
URDU = "translations/ur/apply-walsall.yml"


UNAVAILABLE = "Please try again in a few minutes."  # bot/assistant_unavailable.py


@pytest.fixture(scope="module")
def assistant_ready(stack) -> None:
    """Wait until the assistant answers about Walsall. The stack's start already waited
    for a real first answer (ops/stack.py: while its processes are working, not for a
    fixed time); a slow answer here is asked again, not a failure."""
    resident = Resident(stack, f"e2e-studio-ready-{uuid.uuid4().hex}")
    deadline = time.monotonic() + 300
    while True:
        try:
            if UNAVAILABLE not in resident.reply('/inform_council{"council":"walsall"}'):
                return
        except requests.Timeout:
            pass
        assert time.monotonic() < deadline, "the assistant did not answer within 5 minutes"
        time.sleep(5)


@pytest.fixture(scope="module")
def people(stack) -> dict[str, str]:
    url = stack.env["DATABASE_URL"]
    shared_engine(url)
    return {
        "editor": make_account(url, "studio.editor", "editor", name="Amina Hussain"),
        "second_editor": make_account(url, "studio.editor2", "editor", name="Ravi Patel"),
        "reviewer": make_account(url, "studio.reviewer", "reviewer", name="Joan Smith"),
        "translator": make_account(url, "studio.urdu", "translator:ur", name="Sana Malik"),
        "supervisor": make_account(url, "studio.boss", supervisor=True, name="Dee Okafor"),
    }


def log_in(new_context, web_url: str, username: str):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(web_url + "/studio/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Find content")).to_be_visible(timeout=90_000)
    return page


def resident_reads(new_context, web_url: str) -> str:
    """A resident asks how to apply in Walsall on the chat page; the whole reply."""
    chat = ChatPage(new_context().new_page(), web_url).open()
    chat.say("How do I apply for council housing in Walsall?")
    return chat.page.locator("#log").inner_text()


def approve(reviewer, web_url: str, title: str, why: str) -> None:
    reviewer.goto(web_url + "/studio/reviews")
    reviewer.get_by_role("link", name=title).first.click()
    reviewer.get_by_label("Why it is right").fill(why)
    reviewer.get_by_role("button", name=re.compile(r"Approve and publish version \d+")).click()
    expect(reviewer.get_by_text("Live version")).to_be_visible()


def put_back(stack, path: str) -> None:
    """The shipped text live again (as a reviewed restore), for the tests after this one."""
    engine = shared_engine(stack.env["DATABASE_URL"])
    if store.live_files(engine)[path] != store.text_of(engine, path, 1):
        number = store.restore(engine, path, 1, "studio.editor", "test clean-up")
        store.approve(engine, path, number, "studio.reviewer")


def test_edit_approve_resident_sees_it_then_restore(stack, new_context, web_url, people,
                                                    assistant_ready):
    try:
        edit_approve_and_restore(stack, new_context, web_url, people)
    finally:
        put_back(stack, WALSALL)


def edit_approve_and_restore(stack, new_context, web_url, people):
    line = f"Walsall reopened its register (check {uuid.uuid4().hex[:6]})."
    before = resident_reads(new_context, web_url)
    assert WALSALL_TITLE in before and line not in before

    editor = log_in(new_context, web_url, people["editor"])
    editor.get_by_label("Council").select_option("walsall")
    editor.get_by_label("Kind").select_option("article")
    editor.get_by_role("button", name="Find").click()
    editor.get_by_role("link", name=WALSALL_TITLE).click()
    summary = editor.get_by_label("Summary", exact=True)
    summary.fill(summary.input_value() + " " + line)
    editor.get_by_label("What you changed and why").fill("The register has reopened")
    editor.get_by_role("button", name="Save draft").click()
    expect(editor.get_by_role("status")).to_contain_text("(draft): no problems")
    editor.get_by_role("button", name=re.compile(r"Send version \d+ for review")).click()
    expect(editor.get_by_text("is waiting for a reviewer")).to_be_visible()

    reviewer = log_in(new_context, web_url, people["reviewer"])
    reviewer.goto(web_url + "/studio/reviews")
    reviewer.get_by_role("link", name=WALSALL_TITLE).first.click()
    expect(reviewer.locator("pre.diff")).to_contain_text(line)
    approve(reviewer, web_url, WALSALL_TITLE, "Confirmed on the council's page")

    assert line in resident_reads(new_context, web_url)  # no restart, no retraining

    # Roll back in one step: restore the version that was live before, reviewed too.
    before = store.publications(shared_engine(stack.env["DATABASE_URL"]), WALSALL)[0].replaced
    editor.goto(f"{web_url}/studio/history/{WALSALL}")
    editor.get_by_role("button", name=f"Restore version {before}").click()
    expect(editor.get_by_text("is waiting for a reviewer")).to_be_visible()
    approve(reviewer, web_url, WALSALL_TITLE, "Put back until the council confirms")
    assert line not in resident_reads(new_context, web_url)


def test_a_translator_marks_urdu_reviewed_and_the_draft_note_goes(stack, new_context, web_url,
                                                                   people, assistant_ready):
    note = str(Phrasebook(domain_responses(), "ur").text("utter_translation_draft"))
    resident = Resident(stack, f"e2e-studio-{uuid.uuid4().hex}")
    resident.say('/choose_language{"language":"ur"}')
    resident.say('/inform_council{"council":"walsall"}')
    assert note in resident.reply('/choose_article{"article_id":"apply-walsall"}')

    translator = new_context(viewport=DESKTOP).new_page()
    translator.goto(web_url + "/studio/login")
    translator.get_by_label("Username").fill(people["translator"])
    translator.get_by_label("Password").fill(PASSWORD)
    translator.get_by_role("button", name="Log in").click()
    translator.get_by_role("link", name="Translate: Urdu").click()
    translator.get_by_role("link", name="apply-walsall", exact=True).click()
    expect(translator.locator("section.english")).to_contain_text(WALSALL_TITLE)
    translator.get_by_role("button", name="Save and mark as reviewed").click()
    expect(translator.get_by_role("status")).to_contain_text("Marked as reviewed and published")
    try:
        after = resident.reply('/choose_article{"article_id":"apply-walsall"}')
        assert note not in after and "Walsall" in after
    finally:  # the shipped draft back, for the other tests sharing this stack
        put_back(stack, URDU)
