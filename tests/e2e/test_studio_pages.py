"""The studio's pages in a real browser (Debian's Chromium), on the real web app served
from this process with its own database (no assistant needed): axe-core on every studio
page with no serious or critical findings; a conflicting save shows both versions and
loses nothing; a validator error is shown beside its field; the preview renders the
assistant's answer in Urdu for Walsall and holds back an answer long past review; the
translator's page has the English beside. Screenshots to docs/screenshots/studio-*.png."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.storage import shared_engine
from knowledge.database import make_engine
from knowledge.loading import load
from tests.conftest import CONTENT_DATE
from tests.e2e.browser import SCREENSHOTS
from tests.e2e.console_client import web_app_in_thread
from tests.e2e.test_web_accessibility import audit
from tests.studio.studio_client import PASSWORD, make_account

pytestmark = pytest.mark.e2e
DESKTOP = {"width": 1280, "height": 900}
WALSALL = "articles/allocations/apply-walsall.yml"
URDU = "translations/ur/apply-walsall.yml"
PAGES = [
    "/studio", "/studio?status=stale", "/studio/reviews", f"/studio/edit/{WALSALL}",
    f"/studio/edit/{URDU}", "/studio/edit/contacts/walsall.yml", "/studio/edit/law.yml",
    f"/studio/history/{WALSALL}", "/studio/translate/ur", "/studio/roles",
    f"/studio/preview/{WALSALL}?version=1&language=ur&council=walsall",
    # Crisis phrases, bot phrases and page words in their forms (issue 18 item 1), and the
    # unanswered-questions inbox (item 7).
    "/studio/edit/crisis/ur.yml", "/studio/edit/bot/phrases/en.yml",
    "/studio/edit/web/interface/ur.yml", "/studio/inbox",
]


@pytest.fixture(scope="module")
def studio_url(tmp_path_factory, shipped_content):
    """The web app on a free port, on a database with the shipped content and one account
    per role (the web app follows this module's environment: web/context.py)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('studio-pages') / 'studio.db'}"
    patch = pytest.MonkeyPatch()
    patch.setenv("DATABASE_URL", url)
    patch.setenv("NAVIGATOR_TODAY", CONTENT_DATE.isoformat())
    load(shipped_content, make_engine(url))
    shared_engine(url)
    make_account(url, "pages.editor", "editor", name="Amina Hussain")
    make_account(url, "pages.editor2", "editor", name="Ravi Patel")
    make_account(url, "pages.urdu", "translator:ur", name="Sana Malik")
    make_account(url, "pages.boss", supervisor=True, name="Dee Okafor")
    with web_app_in_thread() as base:
        yield base
    patch.undo()


def log_in(new_context, base: str, username: str):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(base + "/studio/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Find content")).to_be_visible(timeout=120_000)
    return page


def test_every_studio_page_passes_axe(new_context, studio_url):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(studio_url + "/studio/login")
    assert audit(page) == [], "/studio/login"
    supervisor = log_in(new_context, studio_url, "pages.boss")
    found = {}
    for path in PAGES:
        supervisor.goto(studio_url + path)
        expect(supervisor.locator("h1")).to_be_visible()
        found[path] = audit(supervisor)
    assert found == {path: [] for path in PAGES}


def test_a_conflicting_save_shows_both_versions_and_loses_nothing(new_context, studio_url):
    path = "articles/allocations/bidding-walsall.yml"
    first = log_in(new_context, studio_url, "pages.editor")
    second = log_in(new_context, studio_url, "pages.editor2")
    for page in (first, second):
        page.goto(f"{studio_url}/studio/edit/{path}")
    first.locator("#title").fill("Bidding for a home in Walsall (first officer)")
    first.get_by_role("button", name="Save draft").click()
    expect(first.get_by_role("status")).to_contain_text("Saved as version")
    second.locator("#title").fill("Bidding for a home in Walsall (second officer)")
    second.get_by_role("button", name="Save draft").click()
    expect(second.get_by_role("heading", name="Someone else saved this file first")) \
        .to_be_visible()
    expect(second.get_by_role("alert")).to_contain_text("nothing is lost")
    expect(second.locator("pre.file").first).to_contain_text("(first officer)")
    expect(second.locator("pre.file").last).to_contain_text("(second officer)")
    assert audit(second) == []
    second.screenshot(path=str(SCREENSHOTS / "studio-conflict.png"), full_page=False)
    second.get_by_role("button", name="Use mine (as the newest version)").click()
    expect(second.locator("#title")).to_have_value(
        "Bidding for a home in Walsall (second officer)")


def test_a_validator_error_is_shown_beside_its_field(new_context, studio_url):
    editor = log_in(new_context, studio_url, "pages.editor")
    editor.screenshot(path=str(SCREENSHOTS / "studio-find.png"), full_page=False)
    editor.goto(f"{studio_url}/studio/edit/articles/allocations/apply-dudley.yml")
    editor.get_by_label("Review due").fill("next spring")
    editor.get_by_role("button", name="Save draft").click()
    field = editor.get_by_label("Review due")
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby").split()[0]
    message = editor.locator(f"#{described}")
    expect(message).to_contain_text(
        "ERROR: articles/allocations/apply-dudley.yml [review_due]: ")
    # The message sits right under its field, not in a list somewhere else.
    field_box, message_box = field.bounding_box(), message.bounding_box()
    assert 0 <= message_box["y"] - (field_box["y"] + field_box["height"]) < 40
    assert audit(editor) == []
    message.scroll_into_view_if_needed()
    editor.screenshot(path=str(SCREENSHOTS / "studio-edit-validator.png"), full_page=False)


def test_a_reviewer_reads_only_what_changed(new_context, studio_url):
    editor = log_in(new_context, studio_url, "pages.editor")
    editor.goto(f"{studio_url}/studio/edit/{WALSALL}")
    summary = editor.get_by_label("Summary", exact=True)
    summary.fill(summary.input_value() + " The register reopened on 2 February 2026.")
    editor.get_by_label("What you changed and why").fill("The council's page says so")
    editor.get_by_role("button", name="Save draft").click()
    editor.get_by_role("button", name="Send version 2 for review").click()
    reviewer = log_in(new_context, studio_url, "pages.boss")
    reviewer.goto(f"{studio_url}/studio/edit/{WALSALL}")
    diff = reviewer.locator("pre.diff").inner_text()
    changed = [line for line in diff.splitlines()
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert len(changed) == 2 and "reopened on 2 February 2026" in changed[1], diff
    expect(reviewer.get_by_role("button", name="Approve and publish version 2")).to_be_visible()
    reviewer.screenshot(path=str(SCREENSHOTS / "studio-review.png"), full_page=False)


def test_preview_shows_the_resident_answer_in_any_language_and_day(new_context, studio_url):
    supervisor = log_in(new_context, studio_url, "pages.boss")
    live = f"{studio_url}/studio/preview/{WALSALL}?version=1"  # the live version
    supervisor.goto(live + "&language=ur&council=walsall")
    reply = supervisor.locator("ol.chat")
    expect(reply).to_contain_text("میں سوشل ہاؤسنگ کے لیے درخواست")
    supervisor.screenshot(path=str(SCREENSHOTS / "studio-preview.png"), full_page=False)
    # Long past its review date a legal answer is held back: the same rules as the chat.
    supervisor.goto(live + "&language=en&council=walsall&date=2028-06-01")
    expect(reply).to_be_visible()
    expect(reply).not_to_contain_text("In Walsall, you apply through")


def test_the_translator_sees_the_english_beside(new_context, studio_url):
    translator = new_context(viewport=DESKTOP).new_page()
    translator.goto(studio_url + "/studio/login")
    translator.get_by_label("Username").fill("pages.urdu")
    translator.get_by_label("Password").fill(PASSWORD)
    translator.get_by_role("button", name="Log in").click()
    translator.get_by_role("link", name="Translate: Urdu").click()
    translator.get_by_role("link", name="apply-walsall", exact=True).click()
    expect(translator.locator("section.english")).to_contain_text(
        "Applying for social housing in Walsall")
    expect(translator.get_by_role("button", name="Save and mark as reviewed")).to_be_visible()
    translator.screenshot(path=str(SCREENSHOTS / "studio-translate.png"), full_page=False)
