"""A resident and an adviser, each in their own real browser (Debian's Chromium): the
resident asks for a person, the adviser claims the case in the console and replies, the
resident sees the reply, the adviser hands back and the assistant answers again."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from advice import advice_engine
from advice.accounts import create_adviser
from tests.e2e.browser import ChatPage

PASSWORD = "correct horse battery"
REFERENCE = re.compile(r"HN-[A-Z0-9]{6}")


def test_resident_and_adviser_talk_in_two_browsers(stack, new_context, web_url):
    create_adviser(advice_engine(stack.env["DATABASE_URL"]), "browser.adviser", PASSWORD,
                   display_name="Nadia", languages=["en", "ur"], councils=["birmingham"])

    console = new_context(viewport={"width": 1280, "height": 900}).new_page()
    console.goto(web_url + "/console/login")
    console.get_by_label("Username").fill("browser.adviser")
    console.get_by_label("Password").fill(PASSWORD)
    console.get_by_role("button", name="Log in").click()
    expect(console.get_by_role("heading", name="Waiting for an adviser")).to_be_visible()

    resident = ChatPage(new_context().new_page(), web_url).open()
    offer = resident.say("Can I talk to a real person please?")
    assert "Chat with an adviser now" in offer
    waiting = resident.press("Chat with an adviser now")
    reference = REFERENCE.search(waiting).group(0)
    expect(resident.page.locator("#handoff-status")).to_contain_text("Waiting for an adviser")

    # The queue refreshes by itself; the new case appears without reloading.
    console.get_by_role("link", name=reference).click()
    expect(console.get_by_role("heading", name=re.compile(reference))).to_be_visible()
    expect(console.locator(".summary")).to_contain_text("Requested: live chat.")
    console.get_by_role("button", name="Claim this case").click()
    console.get_by_label("Reply to the resident").fill("Hello, I'm Nadia, an adviser. How can I help?")
    console.get_by_role("button", name="Send").click()

    adviser_says = resident.page.locator("#log .msg.adviser")
    expect(adviser_says.last).to_contain_text("Hello, I'm Nadia, an adviser.", timeout=15_000)
    # The resident's words reach the console while the assistant stays quiet.
    resident.page.locator("#message").fill("I got a section 21 notice yesterday")
    resident.page.locator("#message").press("Enter")
    expect(console.locator("#transcript")).to_contain_text("I got a section 21 notice yesterday",
                                                           timeout=15_000)
    assert "section 21" not in resident.bot.last.inner_text()

    console.get_by_role("button", name="Return to the assistant").click()
    expect(console.locator("[data-status]")).to_have_text("returned")
    expect(resident.page.locator("#handoff-status")).to_contain_text("back with Home Navigator",
                                                                      timeout=15_000)
    answer = resident.say("How does bidding work?")
    assert "council" in answer.lower()  # the assistant answers (or asks which council) again
