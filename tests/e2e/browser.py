"""A real browser for the web page tests: Debian's Chromium, headless, driven by Playwright.

Never a browser that Playwright downloads (`playwright install` is not used): the machines
reach only package registries, so `make setup` installs Debian's `chromium` and the tests
launch that executable. tests/e2e/conftest.py imports these fixtures, so any e2e test (the
residents' page, the adviser console) can ask for `browser`, `new_context`, `page`, `web_url`.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
PHONE = {"width": 360, "height": 740}  # a small Android phone, in CSS pixels
NEUTRAL_SITE = "https://www.bbc.co.uk/weather"  # where Quick exit goes (web/static/index.html)
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


# Package scope: Playwright's sync API keeps an asyncio loop running in this thread while
# the browser is open; closed when the end-to-end tests are done, so later tests (web
# security tests on sanic-testing, asyncio.run) find no loop running.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make setup`, which installs "
                    "Debian's chromium package (or set CHROMIUM=/path/to/chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Outside:
    """Requests the page tried to send anywhere but this machine. The page must make none
    (ADR 5); the one exception is Quick exit's neutral site, answered by a stand-in here."""

    def __init__(self) -> None:
        self.requests: list[str] = []


@pytest.fixture
def new_context(browser) -> Iterator[Callable[..., object]]:
    """Make browser contexts (a fresh profile each: own storage, cookies); all are closed
    after the test. Phone-sized by default. Nothing leaves the machine: Quick exit's neutral
    site gets a stand-in page, and any other outside request is refused and recorded in
    `context.outside.requests`."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", PHONE)
        options.setdefault("locale", "en-GB")
        context = browser.new_context(**options)
        context.set_default_timeout(45_000)
        context.outside = Outside()

        def guard(route):
            url = route.request.url
            host = urlparse(url).hostname or ""
            if url.startswith(NEUTRAL_SITE):
                route.fulfill(status=200, content_type="text/html",
                              body="<!doctype html><title>Weather</title><h1>Weather</h1>")
            elif host in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                context.outside.requests.append(url)
                route.abort()

        context.route("**/*", guard)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture(scope="session")
def web_url(stack) -> str:
    return f"http://127.0.0.1:{stack.ports.web}"


class ChatPage:
    """The residents' chat page, driven the way a person would: menus, buttons, typing."""

    def __init__(self, page, web_url: str):
        self.page, self.url = page, web_url

    @property
    def bot(self):
        return self.page.locator("#log .msg.bot")

    @property
    def mine(self):
        return self.page.locator("#log .msg.me")

    def open(self, query: str = "") -> "ChatPage":
        from playwright.sync_api import expect

        self.page.goto(self.url + "/" + query)
        expect(self.bot.first).to_be_visible(timeout=60_000)  # the greeting
        return self

    def _expect_reply(self, before: int) -> None:
        from playwright.sync_api import expect

        expect(self.bot.nth(before)).to_be_visible(timeout=60_000)

    def say(self, text: str) -> str:
        before = self.bot.count()
        self.page.locator("#message").fill(text)
        self.page.locator("#message").press("Enter")
        self._expect_reply(before)
        return self.bot.last.inner_text()

    def press(self, title: str) -> str:
        """Click a quick-reply button (the newest one with this title)."""
        before = self.bot.count()
        self.page.locator("#log .buttons button", has_text=title).last.click()
        self._expect_reply(before)
        return self.bot.last.inner_text()

    def choose_language(self, code: str) -> str:
        """Choose from the menu; returns the assistant's confirmation. Before anything is
        asked, the greeting is shown again in the new language, in place of the old one."""
        from playwright.sync_api import expect

        asked = self.mine.count() > 0
        before = self.bot.count() if asked else 0
        self.page.locator("#language").select_option(code)
        if not asked:
            expect(self.bot).to_have_count(2, timeout=60_000)  # confirmation and greeting
            expect(self.page.locator("#typing")).to_be_hidden()
        self._expect_reply(before)
        return self.bot.nth(before).inner_text()

    def storage(self) -> dict:
        """This page's keys in localStorage and sessionStorage, and the conversation's
        token (issued by the server, web/conversation_token.py)."""
        return self.page.evaluate(
            "() => ({local: Object.keys(localStorage).filter(k => k.startsWith('hn.')),"
            " session: Object.keys(sessionStorage).filter(k => k.startsWith('hn.')),"
            " token: JSON.parse(localStorage.getItem('hn.token') ||"
            " sessionStorage.getItem('hn.token') || 'null')})")
