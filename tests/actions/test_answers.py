"""Answering from the knowledge base: exact events and messages."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import SlotSet

from actions.answers import ActionAnswerQuestion, ActionSearchKnowledge, ActionShowArticle
from actions.phrasebook import Phrasebook
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
    assert events == [SlotSet("council", "birmingham"), SlotSet("pending_question", None)]
    article = kb.article("apply-birmingham")
    messages = said(dispatcher)
    assert len(messages) == 2
    answer, follow_up = messages
    assert answer[0].startswith(f"**{article.title}**\n\n{article.summary}")
    assert "Where this comes from: " in answer[0]
    assert f"({article.sources[0].url}), checked 29 November 2026" in answer[0]
    assert follow_up[0] == "This answer is for Birmingham City Council."
    assert "Change council" in follow_up[1]


def test_remembered_council_is_used(dispatcher, domain, kb):
    tracker = make_tracker("how_bidding_works", "how does bidding work", council="wolverhampton")
    events = run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert events == [SlotSet("pending_question", None)]
    assert said(dispatcher)[0][0].startswith(f"**{kb.article('bidding-wolverhampton').title}**")


def test_council_without_its_own_article_gets_the_general_one(dispatcher, domain, kb):
    tracker = make_tracker("how_bidding_works", "how does bidding work", council="dudley")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert said(dispatcher)[0][0].startswith(f"**{kb.article('bidding-general').title}**")


def test_closed_scheme_is_answered_as_closed_with_its_successor(dispatcher, domain, kb):
    tracker = make_tracker("eco4", "can i still get eco4")
    events = run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert events == [SlotSet("pending_question", None)]
    texts = [t for t, _ in said(dispatcher)]
    eco4, successor = kb.article("eco4"), kb.article("insulation-grants-now")
    assert texts[0] == (f"Please note: {eco4.title} has closed. It ended on 31 March 2026 and is "
                        "not taking applications. Here is what you can look at instead.")
    assert texts[1].startswith(f"**{eco4.title}**")
    assert texts[2].startswith(f"**{successor.title}**")


def test_scheme_open_on_its_last_day(dispatcher, domain, kb, monkeypatch):
    monkeypatch.setenv("NAVIGATOR_TODAY", "2026-03-31")
    tracker = make_tracker("eco4", "eco4")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    assert not said(dispatcher)[0][0].startswith("Please note")


def test_unverified_numbers_are_never_shown_as_confirmed(dispatcher, domain, kb):
    tracker = make_tracker("homeless_tonight", "nowhere to sleep tonight", council="birmingham")
    run(ActionAnswerQuestion(), dispatcher, tracker, domain)
    answer = said(dispatcher)[0][0]
    out_of_hours = kb.contacts(["birmingham-out-of-hours"])[0]
    line = next(l for l in answer.splitlines() if out_of_hours.phone in l)
    assert "(not confirmed:" in line


def test_search_offers_matches_as_buttons(dispatcher, domain):
    tracker = make_tracker("nlu_fallback", "grant")
    events = run(ActionSearchKnowledge(), dispatcher, tracker, domain)
    assert events == [SlotSet("misunderstood", 1.0)]  # half understood still counts
    (text, buttons), = said(dispatcher)
    assert text == Phrasebook(domain).text("utter_search_results")
    assert 1 <= len(buttons) <= 3


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
    assert events == [SlotSet("council", "sandwell"), SlotSet("pending_question", None)]


def test_show_article_from_a_button(dispatcher, domain, kb):
    tracker = make_tracker("choose_article", "/choose_article",
                           entities=[{"entity": "article_id", "value": "priority-need"}])
    events = run(ActionShowArticle(), dispatcher, tracker, domain)
    assert events == []
    assert said(dispatcher)[0][0].startswith(f"**{kb.article('priority-need').title}**")


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
    assert article.summary in first["english"] and urdu.summary in first["text"]


def test_english_answers_are_not_doubled(dispatcher, domain):
    run(ActionAnswerQuestion(), dispatcher,
        make_tracker("how_bidding_works", "how does bidding work", council="birmingham"), domain)
    assert all("english" not in m for m in dispatcher.messages)
