"""The insights pages and the optional ethnic-group question in a real browser (Debian's
Chromium): no serious axe-core findings on the insights page and the printable summary,
at 1280x800 and at 400% zoom; the question shown after an answer in every language, with
"No thanks" as easy as sending; screenshots for docs/screenshots/insights-*.png from a
generated month of conversations.

Served by the real web app from a thread; the assistant's replies are stood in by the
browser (only /api/chat), so no Rasa is needed."""
from __future__ import annotations

import json
from datetime import date

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from advice.accounts import create_adviser
from core.migrate import upgrade
from core.storage import shared_engine
from insights.models import EthnicGroupCount
from insights.rollup import roll_up_pending
from insights.sample import generate_month
from knowledge.languages import LANGUAGES
from tests.e2e.browser import SCREENSHOTS
from tests.e2e.console_client import web_app_in_thread
from tests.e2e.test_web_accessibility import audit
from web import interface

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
DESKTOP = {"width": 1280, "height": 800}
ZOOM_400 = {"width": 320, "height": 200}
RANGE = "?from=2026-11-01&to=2026-11-30"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("insights-browser")
    url = f"sqlite:///{folder / 'navigator.db'}"
    patch = pytest.MonkeyPatch()
    patch.setenv("DATABASE_URL", url)
    patch.delenv("TRUSTED_PROXIES", raising=False)
    engine = shared_engine(url)
    upgrade(engine)
    generate_month(engine, engine, date(2026, 11, 1))
    roll_up_pending(engine, engine, today=date(2026, 12, 2))
    create_adviser(engine, "analyst.browser", PASSWORD, display_name="Priya Analyst",
                   role="analyst")
    with web_app_in_thread() as base:
        yield base, engine
    patch.undo()


def log_in(page, base: str) -> None:
    page.goto(base + "/insights/login")
    page.get_by_label("Username").fill("analyst.browser")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("What residents ask")


def test_insights_pages_pass_the_audit_and_make_the_screenshots(site, new_context):
    base, _ = site
    page = new_context(viewport=DESKTOP).new_page()
    log_in(page, base)
    page.goto(base + "/insights" + RANGE)
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.get_by_text("fewer than 5").first).to_be_visible()
    assert page.locator("script").count() == 0  # no JavaScript at all on these pages
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "insights-overview.png"))
    page.locator("#handoffs-by-language-h").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "insights-handoffs.png"))
    assert audit(page) == []
    page.goto(base + "/insights/summary?council=birmingham&quarter=2026-Q4")
    expect(page.get_by_role("heading", level=1)).to_have_text("Birmingham City Council: 2026 Q4")
    page.emulate_media(media="print")
    page.screenshot(path=str(SCREENSHOTS / "insights-summary-print.png"), full_page=True)
    page.emulate_media(media="screen")
    assert audit(page) == []
    page.set_viewport_size(ZOOM_400)
    page.goto(base + "/insights" + RANGE)
    assert page.evaluate("document.documentElement.scrollWidth - "
                         "document.documentElement.clientWidth") <= 1
    assert audit(page) == []


def fake_assistant(route):
    """The assistant's reply to any message: one short answer (a stand-in for Rasa)."""
    route.fulfill(status=200, content_type="application/json",
                  body=json.dumps({"messages": [{"text": "Here is how to apply.", "dir": "ltr"}]}))


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_question_is_offered_after_an_answer_in_every_language(site, new_context, code):
    base, engine = site
    texts = interface.texts(code)
    page = new_context().new_page()
    page.route("**/api/chat", fake_assistant)
    page.goto(f"{base}/?lang={code}")
    log = page.locator("#log .msg.bot")
    expect(log.first).to_be_visible()
    expect(page.locator("#ethnic-question")).to_have_count(0)  # not before anything is asked
    page.locator("#message").fill("how do I apply")
    page.locator("#composer button[type=submit]").click()
    question = page.locator("#ethnic-question")
    expect(question).to_be_visible()
    expect(question.locator("#ethnic-legend")).to_have_text(texts["ethnic_question"])
    expect(question.get_by_label(texts["ethnic_roma"], exact=True)).to_be_visible()
    expect(question.get_by_role("button", name=texts["ethnic_skip"])).to_be_visible()
    if code in ("en", "ur"):
        assert audit(page) == []
        page.screenshot(path=str(SCREENSHOTS / f"insights-question-{code}.png"), full_page=True)
    if code == "ro":  # answering: one count added
        question.get_by_label(texts["ethnic_roma"], exact=True).check()
        with page.expect_response("**/api/insights/ethnic-group") as answered:
            question.get_by_role("button", name=texts["ethnic_send"]).click()
        assert answered.value.json() == {"recorded": True}
        with engine.connect() as connection:
            assert ("ro", "roma") in connection.execute(
                select(EthnicGroupCount.language, EthnicGroupCount.answer)).all()
    else:  # declining: one press, and never asked again
        question.get_by_role("button", name=texts["ethnic_skip"]).click()
    expect(page.locator("#ethnic-question")).to_have_count(0)
    expect(page.get_by_text(texts["ethnic_thanks"])).to_be_visible()
    page.locator("#message").fill("and bidding?")
    page.locator("#composer button[type=submit]").click()
    expect(log).to_have_count(3)
    expect(page.locator("#ethnic-question")).to_have_count(0)
