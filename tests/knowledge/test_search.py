"""Ranked full-text search, on SQLite FTS5 and PostgreSQL full-text search."""
from __future__ import annotations

import pytest

from knowledge.library import KnowledgeBase
from knowledge.loading import load


@pytest.fixture
def any_kb(any_engine, shipped_content) -> KnowledgeBase:
    load(shipped_content, any_engine)
    return KnowledgeBase(any_engine)


@pytest.mark.parametrize("question, expected", [
    ("heat pump grant 7500", "boiler-upgrade-scheme"),
    ("my landlord gave me a section 21 notice", "homeless-threatened"),
    ("caravan nowhere to park legally", "traveller-accommodation"),
    ("bedroom standard overcrowded", "overcrowding"),
])
def test_search_ranks_the_right_article_first(any_kb, question, expected):
    result = any_kb.search(question, council_id=None)
    assert result.matches, question
    assert result.matches[0].id == expected


def test_search_is_limited_to_the_residents_council(any_kb):
    result = any_kb.search("how to bid for a house", council_id="sandwell", limit=5)
    councils = {c for a in result.matches for c in a.councils}
    assert councils <= {"sandwell", "all"}


def test_nonsense_and_syntax_never_break_search(any_kb):
    for text in ['"', "NOT OR AND", "*", "-", "drop table kb_articles;", "ąęś", "🙂" * 10]:
        any_kb.search(text, council_id=None)  # must not raise
    assert any_kb.search("zzqxw blorf", council_id=None).matches == ()


def test_only_a_confident_match_is_answered_directly(any_kb):
    vague = any_kb.search("grant", council_id=None)
    assert vague.confident is None
    exact = any_kb.search("boiler upgrade scheme heat pump grant", council_id=None)
    assert exact.confident is not None and exact.confident.id == "boiler-upgrade-scheme"
