"""Answering from the knowledge base: exact events and messages."""
from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta

import pytest
from rasa_sdk.events import SlotSet

from actions.answers import ActionAnswerQuestion, ActionSearchKnowledge, ActionShowArticle
from actions.phrasebook import Phrasebook
from actions.rendering import long_date
from tests.actions.conftest import make_tracker, said
from tests.conftest import CONTENT_DATE

COUNCILS = ["Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall",
            "Wolverhampton"]


def run(action, dispatcher, tracker, domain):
    """Run an action the way the action server does (it is a coroutine)."""
    return asyncio.run(action.run(dispatcher, tracker, domain))


def test_question_that_depends_on_council_asks_for_it(dispatcher, domain):
    tracker = make_tracker("apply_for_housing", "how do i apply for a council house")
    events = run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert events == [SlotSet("pending_question", "apply_for_housing")]
    assert said(dispatcher) == [(Phrasebook(domain).text("utter_ask_council"), COUNCILS)]


def test_place_in_the_question_sets_the_council_and_answers(dispatcher, domain, kb):
    tracker = make_tracker("apply_for_housing", "how do i apply for housing in Handsworth")
    events = run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert events == [SlotSet("council", "birmingham"), SlotSet("pending_question", None),
                      SlotSet("last_answer", "apply-birmingham|birmingham")]
    article = kb.article("apply-birmingham")
    messages = said(dispatcher)
    assert len(messages) == 2
    answer, follow_up = messages
    assert answer[0].startswith(f"**{article.title}**\n\n{article.summary.strip()}")
    # Who says so, by name; the addresses are in "More detail" (ADR 0022).
    first = article.sources[0]
    assert f"Where this comes from: {first.publisher}" in answer[0]
    assert first.url not in answer[0].split("Where this comes from: ")[1]
    assert {"title": first.title, "url": first.url} in \
        dispatcher.messages[0]["custom"]["detail"]["sources"]
    assert "checked" not in answer[0]
    assert follow_up[0] == "This answer is for Birmingham City Council."
    assert "Change council" in follow_up[1]


def test_remembered_council_is_used(dispatcher, domain, kb):
    tracker = make_tracker("how_bidding_works", "how does bidding work", council="wolverhampton")
    events = run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert events == [SlotSet("pending_question", None),
                      SlotSet("last_answer", "bidding-wolverhampton|wolverhampton")]
    assert said(dispatcher)[0][0].startswith(f"**{kb.article('bidding-wolverhampton').title}**")


def test_council_without_its_own_article_gets_the_general_one(dispatcher, domain, kb):
    tracker = make_tracker("how_bidding_works", "how does bidding work", council="dudley")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert said(dispatcher)[0][0].startswith(f"**{kb.article('bidding-general').title}**")


def test_closed_scheme_is_answered_as_closed_with_its_successor(dispatcher, domain, kb):
    tracker = make_tracker("eco4", "can i still get eco4")
    events = run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert events == [SlotSet("pending_question", None),
                      SlotSet("last_answer", "insulation-grants-now|")]
    texts = [t for t, _ in said(dispatcher)]
    eco4, successor = kb.article("eco4"), kb.article("insulation-grants-now")
    # The notice and where it comes from (the closed scheme's detail behind it); the open
    # scheme's answer after it says what to do instead, with the only "More detail" button.
    notice, answer = dispatcher.messages
    assert notice["text"] == (
        f"Please note: {eco4.title} has closed. It ended on 31 March 2026 and is not taking "
        "applications. Here is what you can look at instead.\n\nWhere this comes from: "
        "elmhurstenergy.co.uk, cibsejournal.com")
    assert not notice.get("buttons") and notice["custom"]["detail"]["body"].startswith(
        eco4.body.strip()[:40])
    assert texts[1].startswith(f"**{successor.title}**")
    assert said(dispatcher)[1][1] == ["More detail"]


def test_scheme_open_on_its_last_day(dispatcher, domain, kb, monkeypatch):
    monkeypatch.setenv("NAVIGATOR_TODAY", "2026-03-31")
    tracker = make_tracker("eco4", "eco4")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert not said(dispatcher)[0][0].startswith("Please note")


def test_unverified_numbers_are_never_shown_as_confirmed(dispatcher, domain, kb):
    tracker = make_tracker("homeless_tonight", "nowhere to sleep tonight", council="birmingham")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    answer = said(dispatcher)[0][0]
    first, out_of_hours = kb.contacts(["birmingham-housing-options",
                                       "birmingham-out-of-hours"])
    lines = [next(l for l in answer.splitlines() if c.phone in l) for c in (first, out_of_hours)]
    # Found only on a 2016 archived page: said plainly, never shown as current; explained
    # once, on the first such number, and the next says it is not confirmed.
    assert lines[0].endswith("(only found on a 2016 page: it may have changed)")
    assert lines[1].endswith(f"{out_of_hours.phone} (not confirmed)")


def test_search_offers_matches_as_buttons(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "grant")
    # Suggestions are offered only for families the classifier finds close (bot/suggestions.py).
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.3}] + [
        {"name": n, "confidence": 0.12} for n in ("insulation_grants", "green_grants",
                                                   "warm_homes_local_grant", "eco4")]
    events = run(ActionSearchKnowledge(), dispatcher, tracker, domain)
    assert events == [SlotSet("misunderstood", 1.0)]  # half understood still counts
    (text, buttons), = said(dispatcher)
    assert text == Phrasebook(domain).text("utter_search_results")
    assert 1 <= len(buttons) <= 3


def test_unsure_between_siblings_answers_the_likelier_with_the_other_a_tap_away(
        dispatcher, domain, kb):
    """Both families answer "can I apply?" (knowledge/content/sibling_questions.yml)."""
    tracker = make_tracker("nlu_fallback", "can i go on the list as a student", council="dudley")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "housing_eligibility", "confidence": 0.26},
        {"name": "apply_for_housing", "confidence": 0.2},
        {"name": "eco4", "confidence": 0.05}]
    events = run(ActionSearchKnowledge(), dispatcher, tracker, domain)
    assert events == [SlotSet("misunderstood", 0.0), SlotSet("pending_question", None),
                      SlotSet("last_answer", "housing-eligibility|dudley")]
    answer, *_ = said(dispatcher)
    assert answer[0].startswith(f"**{kb.article('housing-eligibility').title}**")
    assert answer[1] == ["More detail", kb.article("apply-dudley").title]
    assert dispatcher.messages[0]["buttons"][1]["payload"] == \
        '/choose_article{"article_id": "apply-dudley"}'


def test_search_matches_the_classifier_finds_far_are_not_offered(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "grant")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "out_of_scope_redirect", "confidence": 0.25},
        {"name": "insulation_grants", "confidence": 0.1}]
    run(ActionSearchKnowledge(), dispatcher, tracker, domain)
    assert [t for t, _ in said(dispatcher)] == [Phrasebook(domain).text("utter_fallback")]


def test_search_answers_a_confident_match_directly(dispatcher, domain, kb):
    tracker = make_tracker("nlu_fallback", "boiler upgrade scheme heat pump grant")
    run(ActionSearchKnowledge(), dispatcher, tracker, domain)
    assert said(dispatcher)[0][0].startswith(f"**{kb.article('boiler-upgrade-scheme').title}**")


def test_nothing_found_says_what_we_can_help_with_and_gives_contacts(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "zzqxw blorf", council="dudley")
    run(ActionSearchKnowledge(), dispatcher, tracker, domain)
    texts = [t for t, _ in said(dispatcher)]
    assert texts[0] == Phrasebook(domain).text("utter_fallback")
    assert texts[1].startswith("Here is how to contact Dudley")


def test_place_name_alone_is_taken_as_the_council(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "Tipton", pending_question="apply_for_housing")
    events = run(ActionSearchKnowledge(), dispatcher, tracker, domain)
    assert events == [SlotSet("council", "sandwell"), SlotSet("pending_question", None),
                      SlotSet("last_answer", "apply-sandwell|sandwell")]


def test_show_article_from_a_button(dispatcher, domain, kb):
    tracker = make_tracker("choose_article", "/choose_article",
                           entities=[{"entity": "article_id", "value": "priority-need"}])
    events = run(ActionShowArticle(), dispatcher, tracker, domain)
    assert events == [SlotSet("last_answer", "priority-need|")]  # for "More detail"
    assert said(dispatcher)[0][0].startswith(f"**{kb.article('priority-need').title}**")


def test_typed_words_taken_for_a_pick_without_an_article_are_searched(dispatcher, domain):
    tracker = make_tracker("choose_article", "what time does the library open")
    run(ActionShowArticle(), dispatcher, tracker, domain)
    assert [t for t, _ in said(dispatcher)] == [Phrasebook(domain).text("utter_fallback")]


def test_unknown_article_id_is_handled_kindly(dispatcher, domain):
    tracker = make_tracker("choose_article", "/choose_article",
                           entities=[{"entity": "article_id", "value": "<script>"}])
    assert run(ActionShowArticle(), dispatcher, tracker, domain) == []
    assert said(dispatcher) == [(Phrasebook(domain).text("utter_question_not_found"), [])]


def test_answers_in_another_language_carry_their_english(dispatcher, domain, kb):
    """The adviser console and the community worker's view show the English beside."""
    tracker = make_tracker("how_bidding_works", "bidding kaise hoti hai", council="birmingham",
                           language="ur")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    article = kb.answer_for("how_bidding_works", "birmingham", CONTENT_DATE).article
    urdu = kb.translation(article.id, "ur")
    first = dispatcher.messages[0]
    assert first["text"].startswith(f"**{urdu.title}**")
    assert first["english"].startswith(f"**{article.title}**")
    unisolated = first["text"].replace("\u2068", "").replace("\u2069", "")  # ADR 0022
    assert article.summary.strip() in first["english"] and urdu.summary.strip() in unisolated


def test_english_answers_are_not_doubled(dispatcher, domain):
    run(ActionAnswerQuestion(), dispatcher,
        make_tracker("how_bidding_works", "how does bidding work", council="birmingham"), domain)
    assert all("english" not in m for m in dispatcher.messages)


# -- issue 13: how each fact was checked, ageing, schemes named in other answers ---------

def with_content(sqlite_engine, shipped_content, change):
    """A knowledge base whose articles were changed by `change(article) -> article`."""
    from dataclasses import replace

    from actions import services
    from knowledge.library import KnowledgeBase
    from knowledge.loading import load
    from knowledge.routing import CouncilRouter, PostcodeLookup

    content = replace(shipped_content, articles=tuple(change(a) for a in shipped_content.articles))
    load(content, sqlite_engine, force=True)
    kb = KnowledgeBase(sqlite_engine)
    services.configure(kb, CouncilRouter(kb, PostcodeLookup(base_url="http://127.0.0.1:9",
                                                            timeout=0.5)))
    return kb


def source(kind="council", how="stored-copy", on=date(2026, 11, 29), by=None, copy_date=None):
    from knowledge.entities import Check, Source

    return Source(url=f"https://example.org/{kind}/{how}", kind=kind, title=f"{kind} page",
                  publisher="Example Council", check=Check(how, on, by, copy_date))


def test_residents_see_checked_on_only_for_a_live_check(domain):
    from actions.rendering import source_lines

    polish = Phrasebook(domain, "pl")
    live, stored, unverified = (source(how="live", on=date(2026, 12, 1), by="A. Officer"),
                                source(), source(how="unverified", on=None))
    lines = source_lines(polish, (live, stored, unverified), "pl")
    assert lines[0] == "council page (https://example.org/council/live), sprawdzono 1 grudnia 2026"
    assert lines[0].english.endswith("checked on 1 December 2026")
    assert lines[1] == ("council page (https://example.org/council/stored-copy), "
                        "Example Council, 2026")
    assert lines[2].english.endswith("Example Council, not yet confirmed")
    assert not any("sprawdzono" in line for line in lines[1:])


def test_second_hand_pages_are_not_linked_while_a_first_hand_one_exists(domain):
    from actions.rendering import source_lines

    english = Phrasebook(domain)
    archived = source(kind="archive", copy_date="2016")
    training, elsewhere = source(kind="training"), source(kind="out-of-region")
    lines = source_lines(english, (archived, source(), training, elsewhere), "en")
    assert len(lines) == 1 and "example.org/council/" in lines[0]
    (only,) = source_lines(english, (archived,), "en")
    assert only == "archive page (Example Council, 2016)"  # publisher and year, no link


def test_the_answer_about_the_archived_page_shows_publisher_and_year(dispatcher, domain, kb):
    tracker = make_tracker("homeless_tonight", "nowhere to sleep tonight", council="birmingham")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    answer = said(dispatcher)[0][0]
    sources = answer.split("Where this comes from: ", 1)[1]
    assert "birmingham.gov.uk/cs/Satellite" not in sources  # the 2016 archive is not linked
    assert "checked" not in sources


def test_an_archived_number_carries_a_caveat_in_the_residents_language(dispatcher, domain, kb):
    tracker = make_tracker("homeless_tonight", "aaj raat sone ki jagah nahi", council="birmingham",
                           language="ur")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    first, out_of_hours = kb.contacts(["birmingham-housing-options",
                                       "birmingham-out-of-hours"])
    text = next(m["text"] for m in dispatcher.messages if out_of_hours.phone in m["text"])
    line = next(l for l in text.splitlines() if first.phone in l)
    assert "2016" in line and "صفحے" in line and "بدل" in line  # "a page", "changed", in Urdu
    # The next old number is not explained again, but is never shown as confirmed.
    line = next(l for l in text.splitlines() if out_of_hours.phone in l)
    assert line.endswith("(تصدیق نہیں ہو سکی)")


def test_past_review_residents_see_a_caveat_in_their_language(dispatcher, domain, kb,
                                                             monkeypatch):
    threatened = kb.article("homeless-threatened")
    monkeypatch.setenv("NAVIGATOR_TODAY", str(threatened.review_due + timedelta(days=1)))
    run(ActionAnswerQuestion(), dispatcher,
        make_tracker("threatened_homelessness", "eviction notice", language="pl"), domain)
    checked = long_date(threatened.last_checked, "pl")
    assert dispatcher.messages[0]["text"] == Phrasebook(domain, "pl").text(
        "utter_review_overdue", checked=checked)
    assert "grudnia 2026" in checked
    assert any(threatened.id in json.dumps(m) or threatened.summary in m.get("english", m["text"])
               for m in dispatcher.messages[1:])


def test_legal_answers_long_past_review_are_held_back(dispatcher, domain, kb, monkeypatch):
    threatened = kb.article("homeless-threatened")
    monkeypatch.setenv("NAVIGATOR_TODAY", str(threatened.review_due + timedelta(days=91)))
    run(ActionAnswerQuestion(), dispatcher,
        make_tracker("threatened_homelessness", "eviction notice", council="dudley"), domain)
    texts = [t for t, _ in said(dispatcher)]
    assert texts[0].startswith(f'I have an answer about "{threatened.title}", but it was last '
                               "checked on 6 December 2026")
    assert "Dudley" in texts[0] and threatened.body not in " ".join(texts)
    assert said(dispatcher)[1] == (Phrasebook(domain).text("utter_needs_adviser"),
                                   [b["title"] for b in Phrasebook(domain).buttons(
                                       "utter_needs_adviser")])
    dispatcher.messages.clear()
    monkeypatch.setenv("NAVIGATOR_HOLD_BACK_DAYS", "120")  # configurable
    run(ActionAnswerQuestion(), dispatcher,
        make_tracker("threatened_homelessness", "eviction notice", council="dudley"), domain)
    assert said(dispatcher)[1][0].startswith(f"**{threatened.title}**")


def test_law_repealed_since_loading_holds_the_answer_back(dispatcher, domain, shipped_content,
                                                          sqlite_engine):
    from dataclasses import replace

    with_content(sqlite_engine, shipped_content, lambda a: replace(
        a, law=a.law + ("housing-act-1988-s21",)) if a.id == "homeless-threatened" else a)
    run(ActionAnswerQuestion(), dispatcher,
        make_tracker("threatened_homelessness", "eviction notice"), domain)
    assert said(dispatcher)[0][0].startswith("I have an answer about")


def test_a_scheme_named_in_another_answer_is_described_from_its_own_dates(
        dispatcher, domain, shipped_content, sqlite_engine, monkeypatch):
    from dataclasses import replace

    def mention(a):
        if a.id == "eco4":
            return replace(a, name="ECO4")
        if a.id == "bidding-general":
            return replace(a, body=a.body + "\n\nGrants such as {scheme:eco4} are separate.")
        return a
    with_content(sqlite_engine, shipped_content, mention)
    cases = {"2026-03-31": "ECO4 (open now)",
             "2026-04-01": "ECO4 (closed: it ended on 31 March 2026)",
             "2022-03-01": "ECO4 (opens on 1 April 2022)"}
    for day, expected in cases.items():
        monkeypatch.setenv("NAVIGATOR_TODAY", day)
        dispatcher.messages.clear()
        run(ActionAnswerQuestion(), dispatcher,
            make_tracker("how_bidding_works", "bidding", council="dudley"), domain)
        # The body is the answer's "More detail" (ADR 0022).
        answer = next(m["custom"]["detail"]["body"] for m in dispatcher.messages
                      if (m.get("custom") or {}).get("detail"))
        assert f"Grants such as {expected} are separate." in answer, (day, answer)
    dispatcher.messages.clear()
    run(ActionAnswerQuestion(), dispatcher, make_tracker(
        "how_bidding_works", "bidding", council="dudley", language="ro"), domain)
    # The translation predates the change, so the English is shown; the scheme's state and
    # date are in Romanian, and the English beside it has them in English.
    answer = next(m["custom"]["detail"] for m in dispatcher.messages
                  if (m.get("custom") or {}).get("detail"))
    assert "Grants such as ECO4 (se deschide pe 1 aprilie 2022) are separate." in answer["body"]
    assert "Grants such as ECO4 (opens on 1 April 2022) are separate." in answer["english_body"]


def test_draft_translations_say_so_and_link_to_the_english(dispatcher, domain, kb):
    tracker = make_tracker("how_bidding_works", "bidding kaise hoti hai", council="birmingham",
                           language="ur")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    article = kb.answer_for("how_bidding_works", "birmingham", CONTENT_DATE).article
    assert kb.translation(article.id, "ur").status == "draft"
    urdu = Phrasebook(domain, "ur")
    # Said on the answer's own sources line, with "Read it in English" beside "More
    # detail": no message of its own.
    note = next(m for m in dispatcher.messages
                if m["text"].endswith(" " + str(urdu.text("utter_translation_draft"))))
    assert note["text"].startswith(f"**{kb.localise(article, 'ur').article.title}**")
    # Worker mode shows the English beside it: the status is visible to the worker too.
    assert note["english"].endswith(" Translation not yet checked by a native speaker.")
    more_detail, button = note["buttons"]
    assert more_detail["payload"] == "/more_detail"
    assert button["title"] == urdu.text("utter_show_english")
    assert button["payload"] == '/choose_article{"article_id": "en:%s"}' % article.id
    dispatcher.messages.clear()
    english = make_tracker("choose_article", button["payload"], language="ur",
                           entities=[{"entity": "article_id", "value": "en:" + article.id}])
    assert run(ActionShowArticle(), dispatcher, english, domain) == []  # language unchanged
    assert said(dispatcher)[0][0].startswith(f"**{article.title}**\n\n{article.summary}")


def test_dates_are_written_in_the_residents_language(dispatcher, domain, kb):
    run(ActionAnswerQuestion(), dispatcher, make_tracker("eco4", "eco4", language="pl"), domain)
    assert "31 marca 2026" in dispatcher.messages[0]["text"]


def test_a_closed_successor_is_followed_to_the_first_open_scheme(dispatcher, domain, kb):
    """Community Green Grants closed; its successor, the Community Environment Fund, closed
    too: the resident is shown where to look now, not promised an alternative and given
    nothing (issue 13)."""
    tracker = make_tracker("choose_article", "/choose_article",
                           entities=[{"entity": "article_id", "value": "community-green-grants"}])
    run(ActionShowArticle(), dispatcher, tracker, domain)
    texts = [t for t, _ in said(dispatcher)]
    grants, open_now = kb.article("community-green-grants"), kb.article("green-grants-where-to-look")
    assert texts[0].startswith(f"Please note: {grants.title} has closed.")
    assert "Here is what you can look at instead.\n\nWhere this comes from: " in texts[0]
    assert any(t.startswith(f"**{open_now.title}**") for t in texts[1:])
    assert not any(t.startswith(f"**{kb.article('community-environment-fund').title}**")
                   for t in texts)


def test_a_line_of_closed_schemes_promises_nothing(kb):
    """When every successor has closed, no alternative is promised."""
    from actions.article_replies import first_open_successor
    from datetime import date
    grants = kb.article("community-green-grants")
    assert first_open_successor(kb, grants, date(2026, 12, 6)).id == "green-grants-where-to-look"
    fund = kb.article("community-environment-fund")
    assert first_open_successor(kb, fund, date(2026, 12, 6)).id == "green-grants-where-to-look"
    assert first_open_successor(kb, kb.article("green-grants-where-to-look"),
                                date(2026, 12, 6)) is None


def test_a_closed_schemes_notice_gives_the_amount_asked_about(dispatcher, domain, kb):
    """"How much did the large grants give?" about a closed fund: its amounts are in the
    closed fund's own text, not in the open answer that follows, so the notice says the
    amount beside when it closed (round 15). Asked only when it closed, it adds nothing."""
    question = "how much could a group get from community green grants for a large project"
    run(ActionAnswerQuestion(), dispatcher, make_tracker("green_grants", question), domain)
    notice = said(dispatcher)[0][0]
    assert notice.startswith("Please note: ") and "£100,000" in notice.split("\n\n")[0]
    # Said before "Here is what you can look at instead", and the same in the English
    # copy a worker reads beside a translation (none is sent for an English reply).
    assert notice.split("\n\n")[0].endswith("Here is what you can look at instead.")
    assert "english" not in dispatcher.messages[0]
    dispatcher.messages.clear()
    run(ActionAnswerQuestion(), dispatcher,
        make_tracker("green_grants", "is community green grants still open"), domain)
    assert "£" not in said(dispatcher)[0][0].split("\n\n")[0]
