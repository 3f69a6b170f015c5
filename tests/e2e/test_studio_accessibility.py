"""axe-core on every studio page (no serious or critical findings), as a supervisor who
sees every control; the preview page renders the assistant's answer in Urdu for Walsall."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import SCREENSHOTS
from tests.e2e.test_studio_browser import DESKTOP, URDU, WALSALL, log_in, people  # noqa: F401
from tests.e2e.test_web_accessibility import audit

pytestmark = pytest.mark.e2e
PAGES = [
    "/studio", "/studio?status=stale", "/studio/reviews", f"/studio/edit/{WALSALL}",
    f"/studio/edit/{URDU}", "/studio/edit/contacts/walsall.yml", "/studio/edit/law.yml",
    f"/studio/history/{WALSALL}", "/studio/translate/ur", "/studio/roles",
    f"/studio/preview/{WALSALL}?language=ur&council=walsall",
]


def test_every_studio_page_passes_axe(new_context, web_url, people):  # noqa: F811
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(web_url + "/studio/login")
    assert audit(page) == [], "/studio/login"
    supervisor = log_in(new_context, web_url, people["supervisor"])
    found = {}
    for path in PAGES:
        supervisor.goto(web_url + path)
        expect(supervisor.locator("h1")).to_be_visible()
        found[path] = audit(supervisor)
    assert found == {path: [] for path in PAGES}


def test_preview_shows_the_resident_answer_in_any_language(new_context, web_url,
                                                           people):  # noqa: F811
    supervisor = log_in(new_context, web_url, people["supervisor"])
    supervisor.goto(f"{web_url}/studio/preview/{WALSALL}?language=ur&council=walsall")
    reply = supervisor.locator("ol.chat")
    expect(reply).to_contain_text("میں سوشل ہاؤسنگ کے لیے درخواست")
    supervisor.screenshot(path=str(SCREENSHOTS / "studio-preview.png"), full_page=False)
    # A year after its review date a legal answer is held back: the same rules as the chat.
    supervisor.goto(f"{web_url}/studio/preview/{WALSALL}?language=en&council=walsall"
                    "&date=2028-06-01")
    expect(reply).not_to_contain_text("In Walsall, you apply through")
