"""The chat page on a phone (issue 16): Quick exit and the 999 line stay in the viewport at
every moment (after each kind of reply, at 360x740 and at 200% text size), without covering
the conversation, and the page scrolls to the START of the newest reply. The figures
(pixels from the top of the viewport to Quick exit, the height of a reply's first screen)
are printed (pytest -s) and written to var/phone-layout.json."""
from __future__ import annotations

import json

import pytest
import yaml
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


# ---- An answer in the answers issue's shape (custom.detail), measured on a phone -------------
ARTICLE = ROOT / "knowledge" / "content" / "articles" / "homelessness" / "homeless-threatened.yml"
CONTACTS = ROOT / "knowledge" / "content" / "contacts" / "birmingham.yml"
PHRASES = ROOT / "bot" / "phrases" / "en.yml"


def threatened_homelessness(shape: str) -> dict:
    """The assistant's reply to "my landlord gave me a section 21 notice", built from the
    shipped content (the article, Birmingham's housing options contact, the bot's section
    phrases), so the layout is measured on real text. shape "short": the short answer and
    next step, with the rest as custom.detail (ADR 10); "whole": everything in one reply,
    as the assistant answered before the answers issue."""
    article = yaml.safe_load(ARTICLE.read_text(encoding="utf-8"))
    contact = next(c for c in yaml.safe_load(CONTACTS.read_text(encoding="utf-8"))["contacts"]
                   if c["id"] == "birmingham-housing-options")
    phrases = {name: variations[0]["text"] for name, variations
               in yaml.safe_load(PHRASES.read_text(encoding="utf-8"))["responses"].items()}
    summary = " ".join(article["summary"].split())
    steps = "\n".join(f"- {s}" for s in article["next_steps"])
    sources = [{"title": s["title"], "url": s["url"]} for s in article["sources"]]
    cited = lambda items: "; ".join(items)  # noqa: E731
    if shape == "whole":
        text = "\n\n".join([f"**{article['title']}**", summary, article["body"].strip(),
                            phrases["utter_article_next_steps"].format(steps=steps),
                            phrases["utter_article_sources"].format(sources=cited(
                                f"{s['title']} ({s['url']})" for s in sources))])
        return {"messages": [{"text": text, "dir": "ltr"}]}
    next_step = f"Next step in Birmingham:\n- {contact['name']}: {contact['phone']} (not confirmed)"
    text = "\n\n".join([f"**{article['title']}**", summary, next_step,
                        phrases["utter_article_sources"].format(
                            sources=cited(s["title"] for s in sources[:2]))])
    body = "\n\n".join([article["body"].strip(),
                        phrases["utter_article_next_steps"].format(steps=steps)])
    return {"messages": [{"text": text, "dir": "ltr",
                          "buttons": [{"title": "More detail", "payload": "/more_detail"},
                                      {"title": "Talk to a person", "payload": "/request_human"}],
                          "custom": {"detail": {"body": body, "sources": sources}}}]}


# Characters of the newest reply a resident sees on the first screen: visible, below the
# bar, above the bottom of the viewport (closed disclosures and hidden labels count nothing).
FIRST_SCREEN = """() => {
  const replies = document.querySelectorAll('#log .msg.bot');
  const reply = replies[replies.length - 1];
  const top = document.getElementById('bar').getBoundingClientRect().bottom, bottom = innerHeight;
  const walker = document.createTreeWalker(reply, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0, all = 0;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (parent.closest('.visually-hidden')) continue;
    // "Did this help?" is asked after reading: below the first screen is where it belongs.
    if (parent.closest('.feedback')) continue;
    if (parent.closest('details:not([open])') && !parent.closest('summary')) continue;  // closed
    for (let i = 0; i < node.length; i++) {
      if (/\\s/.test(node.data[i])) continue;
      range.setStart(node, i); range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      if (!r.height) continue;
      all++;
      if (r.top >= top - 1 && r.bottom <= bottom + 1) seen++;
    }
  }
  const box = reply.getBoundingClientRect();
  return {first_screen_chars: seen, drawn_chars: all, reply_height: box.height,
          first_screen_px: Math.min(box.bottom, bottom) - Math.max(box.top, top)};
}"""


def answer_on_a_phone(page, web_url: str, shape: str) -> dict:
    chat = ChatPage(page, web_url).open()
    page.route("**/api/chat", lambda route: route.fulfill(json=threatened_homelessness(shape)))
    chat.say("My landlord gave me a section 21 notice")
    page.wait_for_timeout(300)  # let the scrolling settle
    figures = {**page.evaluate(MEASURE), **page.evaluate(FIRST_SCREEN), "turn": f"section 21 ({shape})"}
    record(f"answer shape {shape}, 360x740", [figures])
    print(f"{shape}: reply {figures['reply_height']:.0f} px, {figures['drawn_chars']} characters;"
          f" first screen {figures['first_screen_px']:.0f} px, {figures['first_screen_chars']}"
          f" characters; Quick exit {figures['exit_top']:.0f} px from the top")
    return figures


def test_short_answer_and_next_step_fill_the_first_screen(page, web_url):
    """After a reply the page shows its start; on a 360x740 phone the first screen holds the
    short answer and the next step with its number to tap, then "More detail" and "Where this
    comes from", closed, sources by title (issue 16, item 2)."""
    figures = answer_on_a_phone(page, web_url, "short")
    check([figures])
    # The whole short reply (its closed disclosures and buttons too) is on the first screen.
    assert figures["first_screen_chars"] == figures["drawn_chars"], figures
    reply = page.locator("#log .msg.bot").last
    viewport = page.viewport_size["height"]

    def on_first_screen(locator) -> bool:
        box = locator.bounding_box()
        return box is not None and box["y"] >= figures["exit_bottom"] - 1 \
            and box["y"] + box["height"] <= viewport

    assert on_first_screen(reply.locator("strong", has_text="If you could lose your home"))
    assert on_first_screen(reply.get_by_text("Contact your council's homelessness team now"))
    assert on_first_screen(reply.locator("a[href='tel:01213037410']"))  # the next step, to tap
    for name in ("more", "sources"):
        details = reply.locator(f"details.{name}")
        expect(details).not_to_have_attribute("open", "")
        assert on_first_screen(details.locator("summary")), f"{name} is below the first screen"
    assert "https://" not in reply.inner_text()  # titles, not raw addresses
    page.screenshot(path=str(SCREENSHOTS / "answer-short-360.png"))

    reply.locator("details.sources summary").click()
    links = reply.locator("details.sources a")
    expect(links).to_have_count(7)
    for text in links.all_inner_texts():
        assert not text.startswith("http"), text
    reply.locator("details.more summary").click()
    expect(reply.get_by_text("the council owes you the \"prevention duty\"")).to_be_visible()
    reply.locator("details.more summary").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "answer-detail-open-360.png"))
    expect(page.locator("#quick-exit")).to_be_in_viewport()


def test_the_whole_answer_starts_at_its_first_line(page, web_url):
    """The same answer before the answers issue (everything in one reply, 5 screens): the
    page still shows its first line below the bar, and Quick exit stays. Kept for the
    figures: how much of the first screen the shorter shape saves."""
    figures = answer_on_a_phone(page, web_url, "whole")
    check([figures])
    assert figures["reply_height"] > 2 * figures["viewport"], figures
