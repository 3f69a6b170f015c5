"""How answers are drawn on the residents' page (issue 16), in a real browser against the
real stack: every phone number in every language is a tel: link (and text that merely has
digits is left alone), each message says its own language and direction, embedded English
is isolated in right-to-left lines, the greeting follows a change of language, and an
answer's "More detail" and "Where this comes from" are native disclosures."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from knowledge.languages import LANGUAGES
from tests.e2e.browser import ChatPage
from tests.e2e.test_languages import example
from web import interface

pytestmark = pytest.mark.e2e
# A UK phone number written in any script's digits, as a reader would recognise one.
DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef\u0a66-\u0a6f]"
UK_PHONE = re.compile(rf"(?<![\d£.,/])(?:\+44 ?|[0\u0660\u06f0\u09e6\u0a66])"
                      rf"{DIGIT}(?:[ -]?{DIGIT}){{8,9}}"
                      rf"(?!{DIGIT})|\b999\b|\b116 ?123\b")
OUTSIDE_LINKS = """el => { const copy = el.cloneNode(true);
  copy.querySelectorAll('a').forEach(a => a.remove()); return copy.textContent; }"""


def phone_numbers_outside_links(reply) -> list[str]:
    return UK_PHONE.findall(reply.evaluate(OUTSIDE_LINKS))


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_phone_number_is_a_tel_link(page, web_url, code):
    chat = ChatPage(page, web_url).open(f"?lang={code}")
    chat.say(example(code, "homeless_tonight"))
    if chat.bot.last.locator("a[href^='tel:']").count() == 0:
        chat.press("Birmingham")  # asked for the council first
    reply = chat.bot.last
    links = reply.locator("a[href^='tel:']")
    expect(links.first).to_be_visible()
    assert phone_numbers_outside_links(reply) == [], reply.inner_text()
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        assert re.fullmatch(r"tel:(\+44\d{9,10}|0\d{9,10}|999|111|116123)", href), href
        assert links.nth(i).get_attribute("dir") == "ltr"  # digits keep their order in RTL


def test_digits_that_are_not_phone_numbers_stay_text(page, web_url):
    chat = ChatPage(page, web_url).open()
    page.route("**/api/chat", lambda route: route.fulfill(json={"messages": [{"text": (
        "You have 56 days. A grant of £30,000 closes on 31/03/2026 (2026-03-31). Postcode "
        "B21 9ZZ. Call Shelter on 0808 2000 247, the council on +44 121 303 7410, "
        "০১২১ ৩০৩ ৭৪১০ or ۰۱۲۱ ۳۰۳ ۷۴۱۰, or 999."), "dir": "ltr"}]}))
    chat.say("numbers please")
    hrefs = chat.bot.last.locator("a[href^='tel:']").evaluate_all("els => els.map(a => a.href)")
    assert hrefs == ["tel:08082000247", "tel:+441213037410", "tel:01213037410",
                     "tel:01213037410", "tel:999"]


def test_a_somali_reply_on_an_english_page_says_it_is_somali(page, web_url):
    chat = ChatPage(page, web_url).open()
    assert page.evaluate("document.documentElement.lang") == "en"
    reply = chat.say(example("so", "apply_for_housing"))
    assert re.search(r"\b(waa|iyo|aad|ayaa|waxaad|inaan|kugu)\b", reply, re.I), reply
    expect(chat.bot.last).to_have_attribute("lang", "so")
    expect(chat.bot.first).to_have_attribute("lang", "en")  # the greeting stays English


def test_right_to_left_lines_isolate_english_and_numbers(page, web_url):
    chat = ChatPage(page, web_url).open("?lang=ar")
    page.route("**/api/chat", lambda route: route.fulfill(json={"messages": [{"text": (
        "اتصل بـ Shelter (مؤسسة خيرية) على 0808 2000 247 أو Birmingham City Council."),
        "dir": "rtl"}]}))
    chat.say("سؤال")
    reply = chat.bot.last
    expect(reply).to_have_attribute("lang", "ar")
    expect(reply).to_have_attribute("dir", "rtl")
    isolated = reply.locator("bdi[dir=ltr]").all_inner_texts()
    assert "Shelter" in isolated and "Birmingham City Council" in isolated
    expect(reply.locator("a[href='tel:08082000247'][dir=ltr]")).to_be_visible()


def test_the_greeting_follows_a_change_of_language(page, web_url):
    chat = ChatPage(page, web_url).open()
    english_greeting = chat.bot.first.inner_text()
    chat.choose_language("pl")
    expect(chat.bot).to_have_count(2)  # the switch, then the greeting again, in Polish
    greeting = chat.bot.last
    expect(greeting).to_have_attribute("lang", "pl")
    assert greeting.inner_text() != english_greeting
    assert english_greeting not in page.locator("#log").inner_text()
    expect(greeting.locator(".buttons button").first).to_be_visible()


DETAIL = {"messages": [
    {"text": "**Applying in Birmingham**\nApply online at Birmingham Choice.", "dir": "ltr",
     "buttons": [{"title": "More detail", "payload": "/more_detail"},
                 {"title": "Talk to a person", "payload": "/request_human"}],
     "custom": {"detail": {
         "body": "You join the housing register.\n\nThen you bid each week: "
                 "https://www.birminghamchoice.co.uk/",
         "sources": [{"title": "Birmingham Choice: how to apply",
                      "url": "https://www.birminghamchoice.co.uk/"},
                     {"title": "Shelter England", "url": "javascript:alert(1)"}]}}}]}


def test_more_detail_and_sources_are_disclosures_with_titles(page, web_url):
    english = interface.texts("en")
    chat = ChatPage(page, web_url).open()
    page.route("**/api/chat", lambda route: route.fulfill(json=DETAIL))
    chat.say("How do I apply in Birmingham?")
    reply = chat.bot.last
    more = reply.locator("details.more")
    expect(more.locator("summary")).to_have_text(english["more_detail"])
    expect(more).not_to_have_attribute("open", "")
    expect(more.get_by_text("You join the housing register.")).to_be_hidden()  # short first
    more.locator("summary").click()
    expect(more.get_by_text("You join the housing register.")).to_be_visible()
    # A raw address whose title is known shows the title.
    expect(more.get_by_role("link", name="Birmingham Choice: how to apply")).to_be_visible()
    where = reply.locator("details.sources")
    expect(where.locator("summary")).to_have_text(english["where_from"])
    where.locator("summary").click()
    expect(where.get_by_role("link")).to_have_count(1)  # the javascript: address is dropped
    expect(where.get_by_role("link")).to_have_text("Birmingham Choice: how to apply")
    # The disclosure shows the detail, so its button would only repeat it.
    expect(reply.locator(".buttons button")).to_have_text(["Talk to a person"])


def test_sources_in_a_reply_read_as_titles(page, web_url):
    """"Where this comes from: Housing Act 1996, section 166 (https://…), …" shows the
    title, linked to the address, and not the address itself."""
    chat = ChatPage(page, web_url).open()
    chat.press("Apply for council housing")
    chat.press("Birmingham")
    reply = chat.bot.last
    reply.locator("details.sources > summary").click()  # "Where this comes from", closed
    law = reply.get_by_role("link", name="Housing Act 1996, section 166")
    expect(law).to_have_attribute(
        "href", "https://www.legislation.gov.uk/ukpga/1996/52/section/166/data.html")
    assert "legislation.gov.uk/ukpga" not in reply.inner_text()
    assert "(https://" not in reply.inner_text()
