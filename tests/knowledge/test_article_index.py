"""Articles are read once per content edition (knowledge/library.py, ADR 0027): an article
then costs one query, and a load is seen by the very next question."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import event

from knowledge.library import KnowledgeBase
from knowledge.loading import load
from tests.conftest import CONTENT_DATE


def test_an_article_costs_one_query_until_the_next_load(sqlite_engine, shipped_content):
    load(shipped_content, sqlite_engine)
    kb = KnowledgeBase(sqlite_engine)
    kb.article("apply-coventry")  # reads every article of this edition
    queries: list[str] = []
    event.listen(sqlite_engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
    before = kb.article("apply-coventry")
    assert kb.answer_for("apply_for_housing", "coventry", CONTENT_DATE).article == before
    assert len(queries) == 2 and all("kb_editions" in q for q in queries)

    edited = tuple(replace(a, summary="Changed by the Coventry team.")
                   if a.id == "apply-coventry" else a for a in shipped_content.articles)
    load(replace(shipped_content, articles=edited), sqlite_engine)
    assert kb.article("apply-coventry").summary == "Changed by the Coventry team."
    assert kb.answer_for("apply_for_housing", "coventry", CONTENT_DATE).article.summary \
        == "Changed by the Coventry team."
