"""Community worker mode in a real browser against the real stack: each answer in the
client's language and English side by side, the client's language switched at any time,
the summary for the client (on screen, printed, downloaded), and the handover to an adviser
with the client's consent and the worker's organisation. Also the page's side of the
adviser relay (polling while a handoff is open)."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import ChatPage
from tests.e2e.test_languages import example
from web import interface

pytestmark = pytest.mark.e2e
ORGANISATION = "Ladywood Community Centre"
URDU_APPLY = "کونسل کے گھر کے لیے درخواست کیسے دوں"  # from data/nlu/ur/allocations.yml
ARABIC = re.compile(r"[\u0600-\u06ff]")
WORKER_QUESTION = "How does bidding work?"


@pytest.fixture
def worker(page, web_url) -> ChatPage:
    chat = ChatPage(page, web_url).open()
    page.locator("#worker-mode").check()
    page.locator("#organisation").fill(ORGANISATION)
    return chat


def chat_requests(page) -> list[dict]:
    sent: list[dict] = []
    page.on("request", lambda r: sent.append(json.loads(r.post_data or "{}"))
            if r.url.endswith("/api/chat") and r.method == "POST" else None)
    return sent


def urdu_answer(worker: ChatPage) -> None:
    worker.choose_language("ur")
    worker.say(URDU_APPLY)
    worker.press("Birmingham")


def test_answers_in_the_clients_language_and_english_side_by_side(worker):
    page = worker.page
    sent = chat_requests(page)
    english = interface.texts("en")
    expect(page.locator("#worker-panel")).to_be_visible()
    # The worker's own interface stays in English while the client's language changes.
    worker.choose_language("ur")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#language-label")).to_have_text(english["client_language"])

    worker.say(URDU_APPLY)
    worker.press("Birmingham")
    answer = page.locator("#log .msg.pair").last
    client, in_english = answer.locator(".col[lang=ur]"), answer.locator(".col[lang=en]")
    expect(client).to_contain_text(ARABIC)
    expect(client).to_contain_text("https://www.birminghamchoice.co.uk/")
    expect(in_english).to_contain_text("Birmingham Choice")
    assert not ARABIC.search(in_english.inner_text())

    assert sent, "no message was sent"
    for body in sent:  # every message in worker mode asks for English and names the organisation
        assert body.get("english") is True
        assert body.get("worker") == {"organisation": ORGANISATION}

    # Switch the client's language mid-conversation.
    worker.choose_language("pl")
    worker.say("jak się zapisać na mieszkanie komunalne?")
    expect(page.locator("#log .msg.pair").last.locator(".col[lang=pl]")).to_be_visible()


def test_conversation_stays_in_this_tab_only(worker):
    worker.press("Apply for council housing")
    kept = worker.storage()
    assert "hn.log" in kept["session"] and "hn.log" not in kept["local"]
    worker.page.reload()  # a reload still keeps it
    expect(worker.mine).to_have_count(1)


def test_summary_for_the_client_in_their_language_with_english_below(worker):
    page = worker.page
    urdu, english = interface.texts("ur"), interface.texts("en")
    urdu_answer(worker)
    worker.say(WORKER_QUESTION)  # the worker asks in English for their client
    page.locator("#summary-open").click()

    summary = page.locator("#summary")
    expect(summary).to_be_visible()
    expect(page.locator("#main")).to_be_hidden()
    expect(page.locator("#quick-exit")).to_be_visible()  # Quick exit never goes away
    expect(summary.locator("article")).to_have_attribute("lang", "ur")
    expect(summary.locator("h1")).to_have_text(urdu["summary_heading"])
    for key in ("summary_asked", "summary_answers", "summary_next_steps", "summary_contacts",
                "summary_sources"):
        expect(summary.locator("article > h2", has_text=urdu[key])).to_be_visible()
        expect(summary.locator("section[lang=en] h3", has_text=english[key])).to_be_visible()
    expect(summary).to_contain_text(URDU_APPLY)
    client_half = summary.locator("article").evaluate(
        "a => { const c = a.cloneNode(true); c.querySelector('section').remove();"
        " return c.innerText; }")
    assert WORKER_QUESTION not in client_half, "each half wholly in its language"
    expect(summary.locator("section[lang=en] ol")).to_contain_text(WORKER_QUESTION)
    # The council's contacts with their phone numbers, in both halves.
    for contacts in (summary.locator("article > h2", has_text=urdu["summary_contacts"]),
                     summary.locator("section[lang=en] h3", has_text=english["summary_contacts"])):
        expect(contacts.locator("xpath=following-sibling::ul[1]//a[starts-with(@href,'tel:')]")
               .first).to_be_visible()
    # Sources by their titles, linked; never a raw address as the words.
    sources = summary.locator("section[lang=en] ul").last.get_by_role("link")
    expect(sources.first).to_be_visible()
    for text in sources.all_inner_texts():
        assert not text.startswith("http"), text
    assert summary.locator("a[href='https://www.birminghamchoice.co.uk/']").count() >= 1
    # Nothing empty: every heading has something under it, and no heading-only lines.
    empty = summary.locator("h2, h3").evaluate_all(
        "hs => hs.filter(h => h.id !== 'summary-english' && (!h.nextElementSibling"
        " || /^H[1-6]$/.test(h.nextElementSibling.tagName)"
        " || !h.nextElementSibling.textContent.trim())).map(h => h.textContent)")
    assert empty == []
    for line in summary.locator("li, p").all_inner_texts():
        assert not re.fullmatch(r"[^\n]{0,80}:", line.strip()), f"a bare heading: {line}"

    with page.expect_download() as info:
        page.locator("#summary-download").click()
    download = info.value
    assert download.suggested_filename.endswith(".html")
    saved = open(download.path(), encoding="utf-8").read()
    assert '<html lang="ur" dir="rtl">' in saved
    assert urdu["summary_next_steps"] in saved and english["summary_next_steps"] in saved
    assert URDU_APPLY in saved and "https://www.birminghamchoice.co.uk/" in saved
    assert "<script" not in saved

    page.emulate_media(media="print")  # the printed page is the summary alone
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("#summary-download")).to_be_hidden()
    expect(summary.locator("h1")).to_be_visible()
    page.emulate_media(media="screen")
    page.locator("#summary-close").click()
    expect(page.locator("#summary-open")).to_be_focused()


def test_handover_needs_the_clients_consent(worker):
    page = worker.page
    english = interface.texts("en")
    sent = chat_requests(page)
    page.locator("#handover").click()
    expect(page.locator("#handover-problem")).to_have_text(english["consent_needed"])
    expect(page.locator("#consent")).to_be_focused()
    assert sent == [], "nothing may be passed on without consent"

    page.locator("#consent").check()
    before = worker.bot.count()
    page.locator("#handover").click()
    expect(worker.mine.last).to_have_text(re.compile(english["handover_button"]))
    expect(worker.bot.nth(before)).to_be_visible(timeout=60_000)  # the ways to reach a person
    assert sent[-1]["message"] == "/request_human"
    assert sent[-1]["worker"] == {"organisation": ORGANISATION}


def test_adviser_messages_appear_and_polling_survives_a_reload(page, web_url):
    """The page's side of the relay contract (GET /api/chat/updates): shown as "Adviser",
    kept across a reload, and polling stops when the case is resolved. The relay's answers
    are played back here so the page can be tested whatever advisers are online."""
    chat = ChatPage(page, web_url).open()
    replies = iter([
        {"messages": [{"id": 1, "text": "Hello, I'm Sam from the advice team.", "from": "adviser",
                       "dir": "ltr"}], "cursor": 1, "status": "in_conversation"},
        {"messages": [], "cursor": 1, "status": "in_conversation"},
        {"messages": [{"id": 2, "text": "I'll call the council now.", "from": "adviser",
                       "dir": "ltr"}], "cursor": 2, "status": "resolved"},
    ])
    asked: list[str] = []
    tokens: list[str | None] = []

    def updates(route):
        asked.append(route.request.url)
        tokens.append(route.request.headers.get("authorization"))
        route.fulfill(json=next(replies, {"messages": [], "cursor": 2, "status": "none"}))

    def handoff_reply(route):
        if "/handoff_live_chat" in (route.request.post_data or ""):
            route.fulfill(json={"messages": [{"text": "An adviser will join.", "dir": "ltr"},
                                             {"custom": {"handoff": "waiting"}}]})
        else:
            route.continue_()

    page.route("**/api/chat/updates?*", updates)
    page.route("**/api/chat", handoff_reply)
    page.locator("#message").evaluate("el => { el.value = '/handoff_live_chat'; }")
    page.locator("#message").press("Enter")
    adviser = page.locator("#log .msg.adviser")
    expect(adviser.first).to_contain_text("Sam from the advice team", timeout=15_000)
    expect(adviser.first.locator(".speaker")).to_have_text(interface.texts("en")["adviser_name"])
    assert "after=0" in asked[0] and "sender=" not in asked[0]
    assert tokens[0] == f"Bearer {chat.storage()['token']}"  # the conversation's own token

    page.reload()  # the open handoff is remembered: polling carries on from the cursor
    expect(adviser.last).to_contain_text("call the council now", timeout=15_000)
    assert any("after=1" in url for url in asked)
    expect(page.locator("#handoff-status")).to_have_text(interface.texts("en")["handoff_resolved"])
    count = len(asked)
    page.wait_for_timeout(4000)
    assert len(asked) == count, "polling must stop once the case is resolved"
    expect(adviser).to_have_count(2)


# Words a Somali sentence is made of and an English one is not (messages.js uses the same).
SOMALI = re.compile(r"\b(waa|iyo|aad|ayaa|waxaad|waxaan|haddii|kugu|doonaa|tahay)\b", re.I)


def english_of(pair) -> str:
    return pair.locator(".col[lang=en]").inner_text()


def new_pairs(page, before: int) -> list:
    pairs = page.locator("#log .msg.pair")
    return [pairs.nth(i) for i in range(before, pairs.count())]


def test_english_column_says_the_right_english_for_every_message(worker):
    """Every kind of message a worker sees beside a Somali-speaking client: the language
    switch (naming the language, issue 16 item 5), the greeting shown again, a question
    with buttons, an answer, the council's contacts, a crisis reply, the ways to reach a
    person and the handoff status line. Each has an English column that is English and
    is not the Somali again."""
    page = worker.page
    english = interface.texts("en")
    worker.choose_language("so")
    switch, greeting = new_pairs(page, 0)[:2]
    expect(switch.locator(".col[lang=en]")).to_contain_text(
        "Thank you. From now on I will answer in Somali. You can change the language at any time.")
    expect(switch.locator(".col[lang=so]")).to_contain_text("af-Soomaali")
    assert "the language you chose" not in switch.inner_text()
    expect(greeting.locator(".col[lang=en]")).to_contain_text("Hello, I'm Home Navigator")
    expect(greeting.locator(".col[lang=so]")).not_to_contain_text("Hello, I'm Home Navigator")

    def turn(act, check) -> None:
        before = page.locator("#log .msg.pair").count()
        act()
        page.wait_for_timeout(300)
        added = new_pairs(page, before)
        assert added, "the reply has no English beside it"
        check(added)

    def has_tel(added) -> None:
        assert any(p.locator(".col[lang=en] a[href^='tel:']").count() for p in added), \
            [english_of(p) for p in added]

    turn(lambda: worker.say(example("so", "apply_for_housing")), lambda added: None)
    if page.locator("#log .buttons button", has_text="Birmingham").count():
        turn(lambda: worker.press("Birmingham"),  # the answer, for Birmingham
             lambda added: expect(added[-1].locator(".col[lang=en]")).to_contain_text("Birmingham"))
    turn(lambda: worker.say("/contact_council"), has_tel)  # the council's contacts
    turn(lambda: worker.say(example("so", "homeless_tonight")), has_tel)  # a crisis reply
    def hand_over() -> None:
        before = worker.bot.count()
        page.locator("#handover").click()
        expect(worker.bot.nth(before)).to_be_visible(timeout=60_000)

    page.locator("#consent").check()
    turn(hand_over,  # the ways to reach a person
         lambda added: expect(added[-1].locator(".col[lang=en]")).to_contain_text("person"))

    columns = page.locator("#log .msg.pair")
    for i in range(columns.count()):
        client, in_english = (columns.nth(i).locator(f".col[lang={c}]").inner_text()
                              for c in ("so", "en"))
        assert in_english.startswith(english["in_english"]), in_english
        assert not SOMALI.search(in_english), in_english
        assert client.split("\n", 1)[-1] != in_english.split("\n", 1)[-1], in_english
    lone = page.locator("#log .msg.bot:not(.pair)").all_inner_texts()
    assert lone == [], f"replies with no English beside them: {lone}"


def test_handoff_status_is_english_for_the_worker(worker):
    """The handoff status line is the page's own words: in worker mode, in English, while
    the client's language is Somali. The reply that opens the handoff is played back."""
    page = worker.page
    english = interface.texts("en")
    worker.choose_language("so")
    page.route("**/api/chat/updates?*", lambda route: route.fulfill(
        json={"messages": [], "cursor": 0, "status": "waiting"}))
    page.route("**/api/chat", lambda route: route.fulfill(json={"messages": [
        {"text": "Waan ku xiray la-taliye. Fadlan bogga fur ku hay.", "dir": "ltr",
         "english": "I have asked an adviser to join. Please keep this page open."},
        {"custom": {"handoff": "waiting"}}]}))
    worker.say("/handoff_live_chat")
    expect(page.locator("#handoff-status")).to_have_text(english["handoff_waiting"])
    expect(page.locator("#log .msg.pair").last.locator(".col[lang=en]")).to_contain_text(
        "I have asked an adviser to join.")
