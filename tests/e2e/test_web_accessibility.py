"""WCAG 2.2 AA in a real browser, in every language: an axe-core audit with no serious or
critical violations (resident page, worker mode, client summary), reflow at 320 CSS px
(400% zoom), and a screenshot of each language at 360x740 into docs/screenshots/."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from knowledge.languages import LANGUAGES
from tests.e2e.browser import SCREENSHOTS, ChatPage
from web import interface

pytestmark = pytest.mark.e2e
BLOCKING = ("serious", "critical")
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"]}


def audit(page) -> list[str]:
    """Serious or critical violations, each with the elements it found."""
    results = Axe().run(page, options=AXE_OPTIONS).response
    found = []
    for v in results["violations"]:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        line = f"{v['impact']}: {v['id']} ({v['help']}) at {targets}"
        print("axe", line)
        if v["impact"] in BLOCKING:
            found.append(line)
    return found


def in_language(page, web_url, code: str, menu: bool = True) -> ChatPage:
    """The page in one language: chosen from the menu mid-conversation, or (menu=False)
    from the start, as a council embed or a browser set to that language opens it."""
    chat = ChatPage(page, web_url).open("" if menu else f"?lang={code}")
    if menu and code != "en":
        chat.choose_language(code)
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("#composer button[type=submit]")).to_have_text(interface.texts(code)["send"])
    return chat


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_page_passes_the_audit_in_every_language(page, web_url, code):
    chat = in_language(page, web_url, code, menu=False)
    expect(chat.bot).to_have_count(1)  # greeted in the language itself
    expect(page.locator("html")).to_have_attribute("dir", LANGUAGES[code].direction)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"chat-{code}.png"))
    assert audit(page) == []


QUESTIONS = {"ur": "کونسل کے گھر کے لیے درخواست کیسے دوں",  # data/nlu/<language>/allocations.yml
             "pl": "jak się zapisać na mieszkanie komunalne?"}


@pytest.mark.parametrize("code", list(QUESTIONS))
def test_worker_mode_and_summary_pass_the_audit(page, web_url, code):
    chat = in_language(page, web_url, code)
    page.locator("#worker-mode").check()
    page.locator("#organisation").fill("Ladywood Community Centre")
    chat.say(QUESTIONS[code])
    chat.press("Birmingham")
    english = page.locator("#log .msg.pair").last.locator(".col[lang=en]")
    expect(english).to_be_visible()
    # Where the client's language ends and the English begins, so both are in the picture.
    english.evaluate("el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -300); }")
    page.screenshot(path=str(SCREENSHOTS / f"worker-{code}.png"))
    assert audit(page) == []
    page.locator("#summary-open").click()
    expect(page.locator("#summary-title")).to_be_focused()
    page.screenshot(path=str(SCREENSHOTS / f"summary-{code}.png"))
    assert audit(page) == []


@pytest.mark.parametrize("code", ["en", "ar"])
def test_reflows_at_400_percent_zoom(new_context, web_url, code):
    """320 CSS px wide (1280 px at 400%): nothing needs scrolling sideways."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    chat = in_language(page, web_url, code)
    chat.say("https://www.legislation.gov.uk/ukpga/1996/52/section/166/data.html what is this")
    page.locator("#worker-mode").check()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px of sideways scrolling at 320 CSS px"
