"""The adviser console in a real browser (Debian's Chromium), against the real stack
(issue 16): the assistant's formatting shown safely (bold, links; never raw `**`), the
adviser's chosen first name shown to the resident (never the username), and the queue and
case pages usable at 1280x800 and at 400% zoom with no serious axe-core findings."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from advice import advice_engine
from advice.accounts import AccountError, create_adviser, set_first_name
from tests.e2e.browser import ChatPage
from tests.e2e.test_web_accessibility import audit

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
REFERENCE = re.compile(r"HN-[A-Z0-9]{6}")
DESKTOP = {"width": 1280, "height": 800}
ZOOM_400 = {"width": 320, "height": 200}  # 1280x800 at 400%


def log_in(page, web_url: str, username: str) -> None:
    page.goto(web_url + "/console/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Waiting for an adviser")).to_be_visible()


def sideways(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.fixture(scope="module")
def adviser(stack) -> str:
    create_adviser(advice_engine(stack.env["DATABASE_URL"]), "console.browser", PASSWORD,
                   display_name="Nadia Rahman", languages=["en"], councils=["birmingham"])
    return "console.browser"


def open_case(new_context, web_url) -> tuple[ChatPage, str]:
    """A resident reads a formatted answer (**bold**, a link), then asks for a person."""
    resident = ChatPage(new_context().new_page(), web_url).open()
    resident.press("Apply for council housing")
    resident.press("Birmingham")
    resident.say("Can I talk to a real person please?")
    waiting = resident.press("Chat with an adviser now")
    return resident, REFERENCE.search(waiting).group(0)


def test_console_shows_formatting_and_the_first_name(stack, new_context, web_url, adviser):
    console = new_context(viewport=DESKTOP).new_page()
    log_in(console, web_url, adviser)  # an adviser online: live chat is offered
    resident, reference = open_case(new_context, web_url)
    # The first name for residents: one word, never the username.
    console.get_by_label("Your first name for residents").fill("Nadia Rahman")
    console.get_by_role("button", name="Save name").click()
    expect(console.get_by_role("alert")).to_contain_text("one word")
    console.get_by_label("Your first name for residents").fill("Nadia")
    console.get_by_role("button", name="Save name").click()
    expect(console.get_by_label("Your first name for residents")).to_have_value("Nadia")

    console.get_by_role("link", name=reference).click()
    transcript = console.locator("#transcript")
    expect(transcript.locator("strong").first).to_be_visible()
    choice = transcript.locator("a[href='https://www.birminghamchoice.co.uk/']")
    expect(choice.first).to_be_visible()
    assert "**" not in transcript.inner_text()
    assert "**" not in console.locator(".summary").inner_text()

    console.get_by_role("button", name="Claim this case").click()
    console.get_by_label("Reply to the resident").fill("Hello, how can I help? **Not bold**")
    console.get_by_role("button", name="Send").click()
    said = resident.page.locator("#log .msg.adviser").last
    expect(said).to_contain_text("how can I help", timeout=15_000)
    expect(said.locator(".speaker")).to_contain_text("Nadia")
    assert "Rahman" not in said.inner_text() and adviser not in said.inner_text()
    # Polling refreshes the transcript through console.js: still no raw markers.
    expect(transcript).to_contain_text("how can I help", timeout=15_000)
    expect(transcript.locator(".line.assistant strong").first).to_be_visible()


def test_first_name_is_one_word_and_never_the_username(stack, adviser):
    engine = advice_engine(stack.env["DATABASE_URL"])
    from advice.accounts import list_advisers
    me = next(a for a in list_advisers(engine) if a.username == adviser)
    for bad in ("Nadia Rahman", "console.browser", "N4dia", "x" * 31):
        with pytest.raises(AccountError):
            set_first_name(engine, me.id, bad)
    assert set_first_name(engine, me.id, "Anne-Marie").first_name == "Anne-Marie"
    assert set_first_name(engine, me.id, "").first_name == ""


@pytest.mark.parametrize("viewport", [DESKTOP, ZOOM_400], ids=["1280x800", "400%"])
def test_queue_and_case_pages_pass_the_audit(stack, new_context, web_url, adviser, viewport):
    console = new_context(viewport=viewport).new_page()
    log_in(console, web_url, adviser)
    _, reference = open_case(new_context, web_url)
    console.reload()
    expect(console.get_by_role("link", name=reference)).to_be_attached()
    assert audit(console) == []
    assert sideways(console) <= 0, "the queue scrolls sideways"
    console.get_by_role("link", name=reference).click()
    expect(console.locator("#transcript .line").first).to_be_attached()
    assert audit(console) == []
    assert sideways(console) <= 0, "the case page scrolls sideways"


def test_assistant_formatting_is_escaped_before_the_whitelist():
    from web.console.pages import assistant_text

    shown = str(assistant_text(
        '**Bold** <img src=x onerror=alert(1)> "https://a.example/x?y=1&z=2".'))
    assert shown.startswith("<strong>Bold</strong> &lt;img src=x onerror=alert(1)&gt;")
    assert '<a href="https://a.example/x?y=1&amp;z=2" rel="noopener noreferrer"' in shown
    assert "<img" not in shown and str(assistant_text(None)) == ""
