"""Loading is atomic and idempotent, on SQLite and on PostgreSQL."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.database import ArticleRow, ContactRow, EditionRow
from knowledge.library import KnowledgeBase
from knowledge.loading import load
from tests.conftest import CONTENT_DATE


def count(engine, row) -> int:
    with Session(engine, future=True) as s:
        return s.execute(select(func.count()).select_from(row)).scalar_one()


def test_load_everything(any_engine, shipped_content):
    report = load(shipped_content, any_engine)
    assert report.changed
    assert count(any_engine, ArticleRow) == len(shipped_content.articles)
    assert count(any_engine, ContactRow) == len(shipped_content.contacts)
    kb = KnowledgeBase(any_engine)
    article = kb.article("apply-birmingham")
    original = next(a for a in shipped_content.articles if a.id == "apply-birmingham")
    assert article == original  # everything survives the round trip, sources included


def test_loading_the_same_edition_twice_changes_nothing(any_engine, shipped_content):
    load(shipped_content, any_engine)
    again = load(shipped_content, any_engine)
    assert not again.changed
    assert count(any_engine, EditionRow) == 1
    assert count(any_engine, ArticleRow) == len(shipped_content.articles)


def test_reload_replaces_content_for_readers_without_restart(any_engine, shipped_content):
    kb = KnowledgeBase(any_engine)
    load(shipped_content, any_engine)
    before = kb.article("apply-coventry")
    edited = tuple(replace(a, summary="Changed by the Coventry team.") if a.id == "apply-coventry"
                   else a for a in shipped_content.articles)
    report = load(replace(shipped_content, articles=edited), any_engine)
    assert report.changed
    after = kb.article("apply-coventry")  # the same reader object sees the new edition
    assert after.summary == "Changed by the Coventry team." != before.summary
    assert count(any_engine, EditionRow) == 2


def test_failed_load_leaves_previous_content_live(any_engine, shipped_content):
    load(shipped_content, any_engine)
    broken_contact = replace(shipped_content.contacts[0], id=shipped_content.contacts[1].id)
    broken = replace(shipped_content,
                     contacts=(broken_contact, *shipped_content.contacts[1:]))
    with pytest.raises(Exception):
        load(broken, any_engine)  # duplicate primary key: the database refuses it
    kb = KnowledgeBase(any_engine)
    assert count(any_engine, ArticleRow) == len(shipped_content.articles)
    assert kb.article("apply-birmingham") is not None
    assert count(any_engine, EditionRow) == 1


def test_invalid_content_is_never_loaded(content_copy, sqlite_engine, shipped_content, capsys):
    from knowledge.cli import main

    load(shipped_content, sqlite_engine)
    (content_copy / "articles" / "allocations" / "apply-dudley.yml").write_text("id: [", "utf-8")
    url = str(sqlite_engine.url)
    code = main(["--content", str(content_copy), "--today", str(CONTENT_DATE),
                 "load", "--database", url])
    out = capsys.readouterr().out
    assert code == 1
    assert "Nothing was loaded" in out and "apply-dudley.yml" in out
    assert KnowledgeBase(sqlite_engine).article("apply-dudley") is not None


def test_council_answer_prefers_own_article_then_general(kb):
    day = CONTENT_DATE
    assert kb.answer_for("apply_for_housing", "solihull", day).article.id == "apply-solihull"
    general = kb.answer_for("how_bidding_works", "dudley", day)  # no Dudley bidding article
    assert general.article.id == "bidding-general"
    unknown = kb.answer_for("apply_for_housing", None, day)
    assert unknown.needs_council


def test_closed_scheme_is_reported_closed(kb):
    eco4 = kb.answer_for("eco4", None, CONTENT_DATE).article
    assert eco4.id == "eco4"
    assert eco4.has_closed(CONTENT_DATE)
    assert not eco4.has_closed(date(2026, 3, 31))  # its last day
    assert eco4.successor == "insulation-grants-now"
