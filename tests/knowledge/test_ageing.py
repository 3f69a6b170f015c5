"""Ageing: past review an answer carries a caveat; scheme and legal answers long past review,
or relying on law repealed since they were loaded, are held back."""
from __future__ import annotations

from datetime import date, timedelta

import yaml

from knowledge.content_files import ContentLoader
from knowledge.library import HOLD_BACK_DAYS, KnowledgeBase, hold_back_days
from knowledge.loading import load
from knowledge.validation import validate
from tests.conftest import CONTENT_DATE


def article(content, article_id):
    return next(a for a in content.articles if a.id == article_id)


def test_past_review_is_only_a_caveat_until_the_grace_runs_out(shipped_content):
    threatened = article(shipped_content, "homeless-threatened")  # a legal answer
    due = threatened.review_due
    assert not threatened.review_overdue(due)
    assert threatened.review_overdue(due + timedelta(days=1))
    assert not threatened.held_back(due + timedelta(days=HOLD_BACK_DAYS), HOLD_BACK_DAYS)
    assert threatened.held_back(due + timedelta(days=HOLD_BACK_DAYS + 1), HOLD_BACK_DAYS)


def test_only_scheme_and_legal_answers_are_held_back(shipped_content):
    long_after = date(2030, 1, 1)
    held = {a.id for a in shipped_content.articles if a.held_back(long_after, HOLD_BACK_DAYS)}
    assert {"homeless-threatened", "warm-homes-local-grant", "apply-birmingham"} <= held
    assert "interpreter-help" not in held  # community information: a caveat is enough


def test_the_grace_period_is_configurable(monkeypatch):
    assert hold_back_days() == HOLD_BACK_DAYS == 90
    monkeypatch.setenv("NAVIGATOR_HOLD_BACK_DAYS", "30")
    assert hold_back_days() == 30
    monkeypatch.setenv("NAVIGATOR_HOLD_BACK_DAYS", "soon")
    assert hold_back_days() == HOLD_BACK_DAYS  # a typo never switches holding back off


def test_last_checked_is_the_latest_source_check(shipped_content):
    threatened = article(shipped_content, "homeless-threatened")
    assert threatened.last_checked == max(s.check.on for s in threatened.sources)


def test_law_repealed_after_loading_is_noticed_by_the_running_assistant(content_copy,
                                                                         sqlite_engine):
    """Content loaded before a repeal, still live after it: the knowledge base says which
    provisions the answer relied on are gone, so the assistant holds it back."""
    path = content_copy / "articles/homelessness/homeless-threatened.yml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=ContentLoader)  # noqa: S506
    data["law"].append("housing-act-1988-s21")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = validate(content_copy, today=date(2026, 4, 30))
    assert result.ok, [str(p) for p in result.errors]
    load(result.content, sqlite_engine)
    kb = KnowledgeBase(sqlite_engine)
    stored = kb.article("homeless-threatened")
    assert "housing-act-1988-s21" in stored.law
    assert kb.repealed_law(stored, date(2026, 4, 30)) == []
    (gone,) = kb.repealed_law(stored, date(2026, 5, 1))
    assert gone.startswith("Housing Act 1988, section 21")
    assert kb.repealed_law(kb.article("interpreter-help"), CONTENT_DATE) == []
