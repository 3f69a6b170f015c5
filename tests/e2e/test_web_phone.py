"""The chat page on a phone (issue 16): Quick exit and the 999 line stay in the viewport at
every moment (after each kind of reply, at 360x740 and at 200% text size), without covering
the conversation, and the page scrolls to the START of the newest reply. The figures
(pixels from the top of the viewport to Quick exit, the height of a reply's first screen)
are printed (pytest -s) and written to var/phone-layout.json."""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.e2e.browser import SCREENSHOTS, ChatPage

pytestmark = pytest.mark.e2e
# Replies of every kind: buttons, a long council answer, a crisis answer, a grant answer.
TURNS = [("press", "Apply for council housing"), ("press", "Birmingham"),
         ("say", "I have nowhere to sleep tonight"), ("say", "Can I get help with insulation?"),
         ("say", "I got a section 21 notice")]

MEASURE = """() => {
  const box = (sel) => document.querySelector(sel).getBoundingClientRect();
  const replies = document.querySelectorAll('#log .msg.bot');
  const last = replies[replies.length - 1].getBoundingClientRect();
  const safety = document.querySelector('.safety');
  return {exit_top: box('#quick-exit').top, exit_bottom: box('#quick-exit').bottom,
          safety_top: safety.getBoundingClientRect().top,
          safety_bottom: safety.getBoundingClientRect().bottom,
          reply_top: last.top, reply_height: last.height, viewport: innerHeight};
}"""


def in_view(figures: dict, what: str) -> bool:
    return figures[f"{what}_top"] >= 0 and figures[f"{what}_bottom"] <= figures["viewport"]


def walk(chat: ChatPage) -> list[dict]:
    """Each turn, then where Quick exit, the 999 line and the newest reply are."""
    seen = []
    for how, text in TURNS:
        getattr(chat, how)(text)
        chat.page.wait_for_timeout(300)  # let any scrolling settle
        figures = chat.page.evaluate(MEASURE)
        figures["turn"] = text
        seen.append(figures)
    return seen


def check(seen: list[dict]) -> None:
    for figures in seen:
        assert in_view(figures, "exit"), f"Quick exit off-screen after {figures}"
        assert in_view(figures, "safety"), f"the 999 line off-screen after {figures}"
        # The newest reply starts just below the bar: read from its first line.
        assert figures["exit_bottom"] <= figures["reply_top"] + 1, figures
        assert figures["reply_top"] < figures["viewport"] / 2, figures


def record(name: str, seen: list[dict]) -> None:
    longest = max(seen, key=lambda f: f["reply_height"])
    print(f"{name}: longest reply {longest['turn']!r} {longest['reply_height']:.0f} px; "
          f"Quick exit at {longest['exit_top']:.0f} px from the top of the viewport; "
          f"first screen of the reply {longest['viewport'] - max(longest['reply_top'], 0):.0f} px")
    report = ROOT / "var" / "phone-layout.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(report.read_text()) if report.exists() else {}
    old[name] = seen
    report.write_text(json.dumps(old, indent=2))


def larger_text(page, factor: float = 2.0) -> None:
    """The browser's own text size setting (Chrome: Settings, Appearance, Font size), as a
    person with low vision sets it: every rem grows, the layout must cope."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": int(16 * factor)}})
    page.reload()
    page.locator("#log .msg.bot").first.wait_for(timeout=60_000)


def test_quick_exit_in_view_after_every_reply_on_a_phone(page, web_url):
    chat = ChatPage(page, web_url).open()
    seen = walk(chat)
    record("phone 360x740", seen)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    longest = max(range(len(seen)), key=lambda i: seen[i]["reply_height"])
    chat.bot.nth(longest + 1).evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "long-answer-360.png"))
    check(seen)


def test_quick_exit_in_view_at_200_percent_text(page, web_url):
    chat = ChatPage(page, web_url).open()
    larger_text(page)
    expect(page.locator("#quick-exit")).to_be_visible()
    seen = walk(chat)
    record("phone 360x740, text 200%", seen)
    check(seen)


def test_quick_exit_in_view_on_first_visit(page, web_url):
    ChatPage(page, web_url).open()
    page.wait_for_timeout(300)
    figures = page.evaluate(MEASURE)
    assert in_view(figures, "exit") and in_view(figures, "safety"), figures


def test_quick_exit_in_view_at_400_percent_zoom(new_context, web_url):
    """1280x800 at 400% is 320x200 CSS px: the bar stays, and leaves room to read."""
    page = new_context(viewport={"width": 320, "height": 200}).new_page()
    chat = ChatPage(page, web_url).open()
    chat.press("Apply for council housing")
    page.wait_for_timeout(300)
    figures = page.evaluate(MEASURE)
    assert in_view(figures, "exit") and in_view(figures, "safety"), figures
    bar = page.locator("#bar").bounding_box()
    assert bar["height"] <= 200 / 2, f"the bar takes {bar['height']} of 200 px"
    assert figures["reply_top"] >= bar["height"] - 1, "the reply starts below the bar"
