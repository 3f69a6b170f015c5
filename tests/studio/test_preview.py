"""Previews render a draft with the assistant's own answering code: the resident's
language, council and day, the same time rules, nothing live changed."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from actions.phrasebook import Phrasebook
from studio.documents import content_files, dump, parse
from studio.preview import domain_responses, preview

CONTENT = Path(__file__).resolve().parents[2] / "knowledge" / "content"
FILES = content_files(CONTENT)
WALSALL = "articles/allocations/apply-walsall.yml"
DAY = date(2026, 12, 6)


def with_summary(extra: str) -> dict[str, str]:
    data = parse(FILES[WALSALL])
    data["summary"] = data["summary"].strip() + " " + extra
    return FILES | {WALSALL: dump(data)}


def test_a_draft_is_previewed_as_the_resident_reads_it_in_english():
    shown = preview(with_summary("Draft words."), "apply-walsall", language="en",
                    council="walsall", day=DAY)
    assert shown.problems == [] and shown.article_id == "apply-walsall"
    assert shown.messages[0]["text"].startswith("**Applying for social housing in Walsall**")
    assert "Draft words." in shown.rest_text


def test_the_council_decides_which_article_answers():
    shown = preview(FILES, "apply-walsall", language="en", council="dudley", day=DAY)
    assert shown.article_id == "apply-dudley"


def test_a_changed_english_makes_residents_read_english_with_a_note():
    urdu = Phrasebook(domain_responses(), "ur")
    current = preview(FILES, "apply-walsall", language="ur", council="walsall", day=DAY)
    assert "میں سوشل ہاؤسنگ کے لیے درخواست" in current.rest_text
    assert str(urdu.text("utter_translation_draft")) in current.rest_text
    changed = preview(with_summary("Draft words."), "apply-walsall", language="ur",
                      council="walsall", day=DAY)
    assert "Draft words" in changed.rest_text  # in an Urdu reply, isolated as a Latin run
    assert str(urdu.text("utter_translation_outdated")) in changed.rest_text


def test_a_later_day_uses_the_assistants_time_rules():
    # More than 90 days past its review date a legal answer is held back.
    later = preview(FILES, "apply-walsall", language="en", council="walsall",
                    day=date(2028, 6, 1))
    assert "In Walsall, you apply through" not in later.rest_text
    assert "Walsall Council" in later.rest_text  # the council's contacts instead


def test_an_edition_with_errors_is_not_previewed_and_says_why():
    data = parse(FILES[WALSALL])
    data["review_due"] = "soon"
    shown = preview(FILES | {WALSALL: dump(data)}, "apply-walsall", language="en",
                    council=None, day=DAY)
    assert shown.messages == []
    assert [(p.file, p.field) for p in shown.problems] == [(WALSALL, "review_due")]
