"""Answers built once per content edition (actions/answer_cache.py, ADR 0027): a publish
changes the very next answer, and no council's or language's answer reaches another."""
from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import event

from actions import answer_cache
from actions.answer_cache import AnswerCache, Edition, Rendered
from actions.answers import ActionAnswerQuestion
from actions.rendering import Message
from knowledge.library import KnowledgeBase
from knowledge.loading import load
from tests.actions.conftest import make_tracker

CONTENT_PHRASES: dict = {}  # no `responses`: the actions read the content's phrases


def ask(intent: str, **slots) -> tuple[list[dict], list]:
    """What the assistant sends, and the events, for one question."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerQuestion().run(
        dispatcher, make_tracker(intent, "a question", **slots), CONTENT_PHRASES))
    return dispatcher.messages, events


def built_afresh(kb: KnowledgeBase, intent: str, **slots) -> tuple[list[dict], list]:
    """The same question with an empty cache: what the answer must be."""
    answer_cache.cache_for(kb).get(Edition(-1, None, 0), ("", None, None, date.min))
    return ask(intent, **slots)


def test_the_second_answer_is_the_same_and_costs_one_query(kb):
    first = ask("how_bidding_works", council="coventry")
    queries: list[str] = []
    event.listen(kb.engine, "before_cursor_execute",
                 lambda *args: queries.append(args[2]))
    again = ask("how_bidding_works", council="coventry")
    assert again == first
    assert len(queries) == 1 and "kb_editions" in queries[0]


def test_a_publish_changes_the_next_answer(kb, shipped_content):
    before, _ = ask("apply_for_housing", council="solihull")
    assert "Updated by the Solihull team today." not in before[0]["text"]
    edited = tuple(replace(a, summary=a.summary + " Updated by the Solihull team today.")
                   if a.id == "apply-solihull" else a for a in shipped_content.articles)
    assert load(replace(shipped_content, articles=edited), kb.engine).changed
    after, _ = ask("apply_for_housing", council="solihull")
    assert "Updated by the Solihull team today." in after[0]["text"]


def test_councils_and_languages_never_share_an_answer(kb):
    asked = [("apply_for_housing", {"council": c, "language": lang})
             for c in ("dudley", "solihull") for lang in ("en", "pl", "ar")]
    asked.append(("apply_for_housing", {"language": "en"}))  # no council: asks for one
    from_cache = [ask(intent, **slots) for intent, slots in asked]
    from_cache = [ask(intent, **slots) for intent, slots in asked]  # now all from the cache
    for (intent, slots), cached in zip(asked, from_cache):
        assert cached == built_afresh(kb, intent, **slots), slots
    texts = {m[0]["text"] for m, _ in from_cache}
    assert len(texts) == len(asked)


def test_what_a_caller_does_to_a_sent_answer_never_reaches_the_cache(kb):
    first, _ = ask("how_bidding_works", council="walsall")
    first[0]["custom"]["detail"]["body"] = "changed"
    first[0]["buttons"].clear()
    again, _ = ask("how_bidding_works", council="walsall")
    assert again[0]["custom"]["detail"]["body"] != "changed" and again[0]["buttons"]


def test_an_answer_that_repeats_the_household_is_built_each_time(kb):
    ask("overcrowding", council="dudley")
    assert len(answer_cache.cache_for(kb)) == 0


def test_the_cache_keeps_the_most_recently_used_answers():
    cache, edition = AnswerCache(most=2), Edition(1, {}, 90)
    keys = [(f"family{n}", None, "en", date(2026, 12, 6)) for n in range(3)]
    rendered = Rendered((Message("an answer"),), None)
    cache.get(edition, keys[0])
    cache.put(edition, keys[0], rendered)
    cache.put(edition, keys[1], rendered)
    assert cache.get(edition, keys[0]) is rendered  # used: kept over keys[1]
    cache.put(edition, keys[2], rendered)
    assert len(cache) == 2 and cache.get(edition, keys[1]) is None
    assert cache.get(Edition(2, {}, 90), keys[0]) is None  # a new edition starts empty
